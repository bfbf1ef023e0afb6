package org.blockscope.engine.backend;

import static org.bytedeco.dnnl.global.dnnl.*;

import org.bytedeco.dnnl.dnnl_engine;
import org.bytedeco.dnnl.dnnl_exec_arg_t;
import org.bytedeco.dnnl.dnnl_memory;
import org.bytedeco.dnnl.dnnl_memory_desc_t;
import org.bytedeco.dnnl.dnnl_post_ops;
import org.bytedeco.dnnl.dnnl_primitive;
import org.bytedeco.dnnl.dnnl_primitive_attr;
import org.bytedeco.dnnl.dnnl_primitive_desc;
import org.bytedeco.dnnl.dnnl_stream;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * oneDNN called directly, through JavaCPP's preset of oneDNN 2.5.2, for the convolutions of training.
 *
 * <p>Why not only through libnd4j: its {@code conv2d_bp} (oneDNN 2.3 inside) picks the Winograd kernel
 * for the input gradient, which here takes 1.7x the time of the direct kernel PyTorch uses, and it
 * reorders every input to a blocked layout and back on every call, allocating the temporaries with
 * malloc each time. Measured with {@code DNNL_VERBOSE=1} on a ResNet-20 iteration: about 125 ms in
 * libnd4j's oneDNN calls against 94 ms in PyTorch's. Here each convolution shape gets its primitives
 * once (direct algorithm, as PyTorch), their blocked temporaries and scratchpad come from per-thread
 * buffers that are allocated once, and the reorders are explicit.
 *
 * <p>Everything here is optional: {@link #available()} is false where the preset has no build (macOS on
 * ARM) or fails to load, and the kernels then use libnd4j's ops as before. Primitives are made once per
 * shape for the process and used under their own lock; every thread has its own stream and buffers for
 * blocked copies and scratchpads ({@link Slots}).
 */
public final class OneDnn {
    private OneDnn() {}

    private static final String DISABLE = "blockscope.onednn";
    private static volatile boolean enabled = !"false".equals(System.getProperty(DISABLE));
    private static final Object LOCK = new Object();
    private static volatile dnnl_engine engine;
    private static volatile String failure;

    /**
     * Whether convolutions run on oneDNN directly (the preset loaded and {@code -Dblockscope.onednn=false}
     * is not set). Loads the library on first call.
     */
    public static boolean available() {
        return enabled && engine() != null;
    }

    /** Why the preset could not be loaded, or null. */
    public static String failure() {
        engine();
        return failure;
    }

    /** oneDNN's version as major.minor.patch, or "?" when not loaded. */
    public static String version() {
        if (engine() == null) {
            return "?";
        }
        org.bytedeco.dnnl.dnnl_version_t v = dnnl_version();
        return v.major() + "." + v.minor() + "." + v.patch();
    }

    /**
     * The instruction set oneDNN's kernels use on this CPU (its {@code dnnl_get_effective_cpu_isa}), e.g.
     * "avx2" or "avx512_core", or "?" when the preset is not loaded. PyTorch's oneDNN picks the same.
     */
    public static String isa() {
        if (engine() == null) {
            return "?";
        }
        int isa = dnnl_get_effective_cpu_isa();
        int[] values = {
            dnnl_cpu_isa_sse41,
            dnnl_cpu_isa_avx,
            dnnl_cpu_isa_avx2,
            dnnl_cpu_isa_avx2_vnni,
            dnnl_cpu_isa_avx512_mic,
            dnnl_cpu_isa_avx512_mic_4ops,
            dnnl_cpu_isa_avx512_core,
            dnnl_cpu_isa_avx512_core_vnni,
            dnnl_cpu_isa_avx512_core_bf16,
            dnnl_cpu_isa_avx512_core_amx
        };
        String[] names = {
            "sse41",
            "avx",
            "avx2",
            "avx2_vnni",
            "avx512_mic",
            "avx512_mic_4ops",
            "avx512_core",
            "avx512_core_vnni",
            "avx512_core_bf16",
            "avx512_core_amx"
        };
        for (int i = 0; i < values.length; i++) {
            if (values[i] == isa) {
                return names[i];
            }
        }
        return "0x" + Integer.toHexString(isa);
    }

    /** Turns the direct path on or off (for side-by-side benchmarks and tests); returns the old value. */
    public static boolean enable(boolean on) {
        boolean old = enabled;
        enabled = on;
        return old;
    }

    static dnnl_engine engine() {
        dnnl_engine e = engine;
        if (e != null || failure != null) {
            return e;
        }
        synchronized (LOCK) {
            if (engine != null || failure != null) {
                return engine;
            }
            try {
                // ND4J first: its libgomp is then already loaded when oneDNN's preset asks for libgomp.so.1, so
                // both share one OpenMP runtime (one thread pool, one OMP_WAIT_POLICY)
                org.nd4j.linalg.factory.Nd4j.getExecutioner();
                Loader.load(org.bytedeco.dnnl.global.dnnl.class);
                PointerPointer<dnnl_engine> pp = new PointerPointer<>(1);
                check(dnnl_engine_create(pp, dnnl_cpu, 0), "engine_create");
                engine = pp.get(dnnl_engine.class, 0);
            } catch (Throwable t) {
                failure = t.getClass().getSimpleName() + ": " + t.getMessage();
            }
            return engine;
        }
    }

    private static final ThreadLocal<dnnl_stream> STREAM = ThreadLocal.withInitial(() -> {
        PointerPointer<dnnl_stream> pp = new PointerPointer<>(1);
        check(dnnl_stream_create(pp, engine(), dnnl_stream_default_flags), "stream_create");
        return pp.get(dnnl_stream.class, 0);
    });

    static void check(int status, String what) {
        if (status != dnnl_success) {
            throw new IllegalStateException("oneDNN " + what + " failed with status " + status);
        }
    }

    /** A plain memory descriptor (f32) with the given dims and format tag. */
    static dnnl_memory_desc_t md(int tag, long... dims) {
        dnnl_memory_desc_t md = new dnnl_memory_desc_t();
        check(dnnl_memory_desc_init_by_tag(md, dims.length, dims, dnnl_f32, tag), "memory_desc_init");
        return md;
    }

    static dnnl_memory memory(dnnl_memory_desc_t md) {
        PointerPointer<dnnl_memory> pp = new PointerPointer<>(1);
        check(dnnl_memory_create(pp, md, engine(), null), "memory_create");
        return pp.get(dnnl_memory.class, 0);
    }

    static dnnl_primitive_desc primitiveDesc(
            Pointer opDesc, dnnl_primitive_attr attr, dnnl_primitive_desc hint, String what) {
        PointerPointer<dnnl_primitive_desc> pp = new PointerPointer<>(1);
        check(
                dnnl_primitive_desc_create(
                        pp, new org.bytedeco.dnnl.const_dnnl_op_desc_t(opDesc), attr, engine(), hint),
                what);
        return pp.get(dnnl_primitive_desc.class, 0);
    }

    static dnnl_primitive primitive(dnnl_primitive_desc pd, String what) {
        PointerPointer<dnnl_primitive> pp = new PointerPointer<>(1);
        check(dnnl_primitive_create(pp, pd), what);
        return pp.get(dnnl_primitive.class, 0);
    }

    /**
     * Primitive attributes: a scratchpad the caller provides (userScratchpad; else oneDNN allocates it), and
     * a ReLU applied to the result (relu, a post-op).
     */
    static dnnl_primitive_attr attr(boolean userScratchpad, boolean relu) {
        return attr(userScratchpad, false, relu);
    }

    /**
     * With sum, the primitive adds its result to what the destination holds (oneDNN's sum post-op: dst =
     * result + dst), before the ReLU when relu.
     */
    static dnnl_primitive_attr attr(boolean userScratchpad, boolean sum, boolean relu) {
        PointerPointer<dnnl_primitive_attr> pp = new PointerPointer<>(1);
        check(dnnl_primitive_attr_create(pp), "attr_create");
        dnnl_primitive_attr a = pp.get(dnnl_primitive_attr.class, 0);
        if (userScratchpad) {
            check(dnnl_primitive_attr_set_scratchpad_mode(a, dnnl_scratchpad_mode_user), "attr_scratchpad");
        }
        if (sum || relu) {
            PointerPointer<dnnl_post_ops> po = new PointerPointer<>(1);
            check(dnnl_post_ops_create(po), "post_ops_create");
            dnnl_post_ops ops = po.get(dnnl_post_ops.class, 0);
            if (sum) {
                check(dnnl_post_ops_append_sum(ops, 1f), "post_ops_append_sum");
            }
            if (relu) {
                check(dnnl_post_ops_append_eltwise(ops, 1f, dnnl_eltwise_relu, 0f, 0f), "post_ops_append_eltwise");
            }
            check(dnnl_primitive_attr_set_post_ops(a, ops), "attr_set_post_ops");
            dnnl_post_ops_destroy(ops);
        }
        return a;
    }

    /** A copy of a descriptor a primitive descriptor owns (valid after the primitive descriptor is gone). */
    static dnnl_memory_desc_t query(dnnl_primitive_desc pd, int what) {
        dnnl_memory_desc_t src = dnnl_primitive_desc_query_md(pd, what, 0);
        dnnl_memory_desc_t copy = new dnnl_memory_desc_t();
        Pointer.memcpy(copy, src, copy.sizeof());
        return copy;
    }

    static boolean same(dnnl_memory_desc_t a, dnnl_memory_desc_t b) {
        return dnnl_memory_desc_equal(a, b) == 1;
    }

    static long bytes(dnnl_memory_desc_t md) {
        return dnnl_memory_desc_get_size(md);
    }

    static dnnl_primitive reorder(dnnl_memory_desc_t from, dnnl_memory_desc_t to) {
        PointerPointer<dnnl_primitive_desc> pp = new PointerPointer<>(1);
        check(dnnl_reorder_primitive_desc_create(pp, from, engine(), to, engine(), null), "reorder_desc");
        dnnl_primitive_desc pd = pp.get(dnnl_primitive_desc.class, 0);
        dnnl_primitive p = primitive(pd, "reorder");
        dnnl_primitive_desc_destroy(pd);
        return p;
    }

    /**
     * A primitive bound to its argument memories, whose execution arguments are built once: the memories
     * stay the same objects, only their data handles change from call to call ({@link #handle}).
     */
    static final class Call {
        private final dnnl_primitive prim;
        private final dnnl_exec_arg_t args;
        private final int n;

        Call(dnnl_primitive prim, int[] ids, dnnl_memory... mems) {
            this.prim = prim;
            n = ids.length;
            args = new dnnl_exec_arg_t(n);
            for (int i = 0; i < n; i++) {
                args.position(i).arg(ids[i]).memory(mems[i]);
            }
            args.position(0);
        }

        /** Runs on this thread's stream and waits for it. */
        void run() {
            dnnl_stream s = STREAM.get();
            check(dnnl_primitive_execute(prim, s, n, args), "execute");
            check(dnnl_stream_wait(s), "stream_wait");
        }
    }

    static void handle(dnnl_memory m, Pointer p) {
        check(dnnl_memory_set_data_handle(m, p), "set_data_handle");
    }

    /** The native address of a dense c-order array (see {@link #dense}). */
    static Pointer address(INDArray a) {
        if (!isDense(a)) {
            throw new IllegalArgumentException("oneDNN needs a dense c-order array, got shape "
                    + java.util.Arrays.toString(a.shape()) + " strides " + java.util.Arrays.toString(a.stride()));
        }
        return a.data().addressPointer();
    }

    /**
     * The array itself when its elements lie in c order from the start of its buffer, else a c-order copy.
     * Strides are checked, not {@code isView()}: a permuted array (a channels-last activation seen as NCHW)
     * is not always reported as a view.
     */
    public static INDArray dense(INDArray a) {
        return isDense(a) ? a : a.dup('c');
    }

    public static boolean isDense(INDArray a) {
        if (a.data().offset() != 0 || a.offset() != 0) {
            return false;
        }
        long[] shape = a.shape(), stride = a.stride();
        long expected = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            if (shape[i] != 1 && stride[i] != expected) {
                return false;
            }
            expected *= shape[i];
        }
        return true;
    }

    /**
     * Per-thread growable native buffers, 64-byte aligned, for blocked copies and scratchpads. A slot is
     * only used within one kernel call, so layers share them.
     */
    static final class Slots {
        private final BytePointer[] raw = new BytePointer[8];
        private final BytePointer[] aligned = new BytePointer[8];
        private final long[] capacity = new long[8];

        Pointer get(int slot, long bytes) {
            if (bytes > capacity[slot]) {
                if (raw[slot] != null) {
                    raw[slot].deallocate();
                }
                long cap = Math.max(bytes, capacity[slot] * 5 / 4);
                BytePointer b = new BytePointer(cap + 64);
                long pad = (64 - (b.address() & 63)) & 63;
                raw[slot] = b;
                aligned[slot] = new BytePointer(b).position(pad);
                capacity[slot] = cap;
            }
            return aligned[slot];
        }
    }

    static final ThreadLocal<Slots> SLOTS = ThreadLocal.withInitial(Slots::new);
}
