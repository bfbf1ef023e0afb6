package org.blockscope.engine.compile;

import java.util.ArrayList;
import java.util.List;
import org.blockscope.engine.backend.BufferPool;
import org.blockscope.engine.backend.ConvSpec;
import org.blockscope.engine.backend.NativeOps;
import org.blockscope.engine.backend.OneDnnConv;
import org.blockscope.engine.backend.PreparedWeights;
import org.blockscope.engine.kernel.Conv2dKernel;
import org.blockscope.engine.kernel.DepthwiseConv2dKernel;
import org.blockscope.engine.kernel.ParamGrads;
import org.blockscope.graph.Shape;
import org.blockscope.kind.Params;
import org.blockscope.primitive.Padding;
import org.blockscope.primitive.Primitive;
import org.blockscope.primitive.PrimitiveNode;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * CONV2D (weight [Cout, Cin/groups, k, k]) and DEPTHWISE_CONV2D (weight [Cin*m, 1, k, k]), PyTorch
 * layouts, optional bias [Cout].
 */
final class ConvStep extends Step {
    private final ConvSpec conv;
    private final DepthwiseConv2dKernel.Spec depthwise;
    private final Tensor weight;
    private final Tensor bias;
    /** The convolution as oneDNN runs it channels-last: depthwise as a grouped one (groups = Cin). */
    private final ConvSpec grouped;
    /** Inference weights in the kernel's layout, batch norm folded in, kept while their sources are unchanged. */
    private final PreparedWeights prepared = new PreparedWeights();

    ConvStep(PrimitiveNode n, int index, int[] inputs, DataType type) {
        super(n, index, inputs);
        Params p = n.params();
        Shape in = n.inputShapes().get(0);
        int k = p.getInt("kernel");
        int pad = Padding.pad(p);
        int cout = n.output().channels();
        boolean hasBias = p.getBool("bias");
        if (n.kind() == Primitive.DEPTHWISE_CONV2D) {
            conv = null;
            depthwise = new DepthwiseConv2dKernel.Spec(k, p.getInt("stride"), pad, pad, p.getInt("dilation"), hasBias);
            grouped = new ConvSpec(k, p.getInt("stride"), pad, pad, p.getInt("dilation"), in.channels(), hasBias);
            weight = new Tensor(path() + "/weight", Nd4j.zeros(type, cout, 1, k, k), true);
        } else {
            int groups = p.getInt("groups");
            conv = new ConvSpec(k, p.getInt("stride"), pad, pad, p.getInt("dilation"), groups, hasBias);
            depthwise = null;
            grouped = conv;
            weight = new Tensor(path() + "/weight", Nd4j.zeros(type, cout, in.channels() / groups, k, k), true);
        }
        bias = hasBias ? new Tensor(path() + "/bias", Nd4j.zeros(type, cout), true) : null;
    }

    @Override
    List<Tensor> tensors() {
        List<Tensor> t = new ArrayList<>();
        t.add(weight);
        if (bias != null) {
            t.add(bias);
        }
        return t;
    }

    @Override
    INDArray forward(Pass p) {
        INDArray b = bias == null ? null : bias.value();
        return conv != null
                ? Conv2dKernel.forward(conv, p.in(this, 0), weight.value(), b)
                : DepthwiseConv2dKernel.forward(depthwise, p.in(this, 0), weight.value(), b);
    }

    /** Whether a following batch norm can fold into this convolution (plain conv, channels-last capable). */
    boolean foldable() {
        return conv != null && Conv2dKernel.supportsChannelsLast(conv);
    }

    @Override
    INDArray forwardChannelsLast(Pass p) {
        INDArray w = weight.value();
        INDArray b = bias == null ? null : bias.value();
        if (p.mode == Mode.TRAINING) { // the trainer's pass on oneDNN: NHWC in and out, no reorders
            return p.channelsLast(
                    this, OneDnnConv.forwardTrainingChannelsLast(grouped, p.inChannelsLast(this, 0), w, b));
        }
        if (!Conv2dKernel.supportsChannelsLast(grouped)) {
            return forward(p);
        }
        int bn = p.fusions().foldedBatchNorm(index);
        INDArray xh = p.inChannelsLast(this, 0);
        if (Executor.keepWeights && OneDnnConv.handles(xh)) {
            BatchNormStep norm = bn < 0 ? null : (BatchNormStep) p.plan.step(bn);
            INDArray[] sources = norm == null ? new INDArray[] {w, b} : norm.foldSources(w, b);
            if (PreparedWeights.cacheable(sources)) { // weights made once, then kept while their sources stay
                ConvSpec s = grouped.withBias(b != null || norm != null);
                boolean relu = norm != null && p.fusions().appliesRelu(bn);
                // a residual sum: this convolution adds its result into the other input's buffer
                Fusion.SumIntoConv sum =
                        p.fused && Executor.sumIntoConv ? p.fusions().sumInto(index) : null;
                INDArray into = sum == null ? null : p.sumTarget(sum);
                if (into != null
                        && (Buffers.root(into.data()) == Buffers.root(xh.data())
                                || !OneDnnConv.canSumInto(s, xh, w.size(0), into))) {
                    into = null;
                }
                if (into != null) {
                    relu = p.fusions().appliesRelu(sum.add()); // the add's ReLU, after the sum
                }
                INDArray y = OneDnnConv.forwardChannelsLast(
                        s,
                        xh,
                        w.size(0),
                        prepared,
                        sources,
                        () -> norm == null ? new INDArray[] {w, b} : norm.foldInto(w, b),
                        norm != null,
                        relu,
                        into);
                if (into != null) {
                    p.markSummed(sum.add());
                }
                return p.channelsLast(this, y);
            }
        }
        if (bn < 0) {
            return p.channelsLast(this, Conv2dKernel.forwardChannelsLast(grouped, xh, w, b, false));
        }
        INDArray[] f = ((BatchNormStep) p.plan.step(bn)).foldInto(w, b);
        // a ReLU fused into the folded batch norm is applied here too (a oneDNN post-op); the batch norm step
        // then marks it applied
        boolean relu = p.fusions().appliesRelu(bn);
        INDArray y = Conv2dKernel.forwardChannelsLast(grouped, xh, f[0], f[1], relu);
        BufferPool.give(f[0].data()); // folded copies: used by this call only
        BufferPool.give(f[1].data());
        return p.channelsLast(this, y);
    }

    /** How many times this step made its inference weights (tests). */
    long weightsMade() {
        return prepared.made();
    }

    @Override
    void backwardChannelsLast(Pass p, INDArray dyh) {
        INDArray xh = p.inChannelsLast(this, 0);
        INDArray w = weight.value();
        boolean needDx = p.needsGradient(inputs[0]); // e.g. the first layer: no dx needed
        INDArray dxh = needDx ? NativeOps.empty(DataType.FLOAT, xh.shape()) : null;
        INDArray dw = NativeOps.empty(DataType.FLOAT, w.shape());
        INDArray db = bias == null
                ? null
                : NativeOps.empty(DataType.FLOAT, bias.value().shape());
        OneDnnConv.backwardChannelsLast(grouped, xh, w, dyh, dxh, dw, db);
        if (needDx) {
            p.accumulateInputChannelsLast(this, 0, dxh);
        }
        p.paramGrads.put(weight.name(), dw);
        if (bias != null) {
            p.paramGrads.put(bias.name(), db);
        }
    }

    @Override
    void backward(Pass p, INDArray dy) {
        INDArray b = bias == null ? null : bias.value();
        if (conv != null && !p.needsGradient(inputs[0])) { // e.g. the first layer: no dx needed
            ParamGrads g = Conv2dKernel.weightGradient(conv, p.in(this, 0), weight.value(), b, dy);
            p.paramGrads.put(weight.name(), g.dw());
            if (bias != null) {
                p.paramGrads.put(bias.name(), g.db());
            }
            return;
        }
        ParamGrads g = conv != null
                ? Conv2dKernel.backward(conv, p.in(this, 0), weight.value(), b, dy)
                : DepthwiseConv2dKernel.backward(depthwise, p.in(this, 0), weight.value(), b, dy);
        p.accumulateInput(this, 0, g.dx());
        p.paramGrads.put(weight.name(), g.dw());
        if (bias != null) {
            p.paramGrads.put(bias.name(), g.db());
        }
    }
}
