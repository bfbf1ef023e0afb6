package org.blockscope.engine.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.blockscope.analysis.NetworkAnalysis;
import org.blockscope.engine.compile.Compiler;
import org.blockscope.engine.compile.Model;
import org.blockscope.engine.compile.Tensor;
import org.blockscope.engine.memory.MemoryEstimate;
import org.blockscope.engine.memory.MemoryLimits;
import org.blockscope.graph.Graph;
import org.blockscope.io.AtomicFiles;
import org.blockscope.io.GraphFileException;
import org.blockscope.io.GraphFiles;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Saves and loads training checkpoints: a ZIP with {@code manifest.json}, the network as
 * {@code graph.bsg.json} ({@link GraphFiles}), one raw little-endian array per tensor and any extra
 * entries the caller adds ({@code data.json}). The format is described in
 * {@code docs/checkpoint-format.md}.
 *
 * <p>Saving writes everything into one temporary file next to the target, forces it to disk and
 * renames it over the target ({@link AtomicFiles}): killed at any moment, the target is the old
 * checkpoint or the complete new one. Loading reads only the entries it knows, each with a size
 * limit, checks every tensor against the network compiled from the checkpoint's own graph before
 * reading its values, and refuses values that are not finite; every problem is one line naming the
 * file and the entry ({@link CheckpointException}).
 */
public final class Checkpoints {
    private Checkpoints() {}

    public static final String FORMAT = "blockscope-checkpoint";
    public static final int VERSION = 1;
    static final String MANIFEST = "manifest.json";
    static final String GRAPH = "graph.bsg.json";
    /** The most bytes read from a small JSON entry (manifest, data.json). */
    public static final int MAX_JSON_BYTES = 16 << 20;

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Everything read back from a checkpoint: {@link #toModel()} is the network compiled from its own
     * graph with the saved tensors in place.
     */
    public record Checkpoint(
            Graph graph,
            DataType dataType,
            Model model,
            Map<String, INDArray> optimizerState,
            long optimizerSteps,
            int epoch,
            long iteration) {

        /** The saved network, compiled and restored while loading. */
        public Model toModel() {
            return model;
        }

        /** The saved values of the model's tensors, by name. */
        public Map<String, INDArray> modelTensors() {
            Map<String, INDArray> m = new LinkedHashMap<>();
            model.tensors().forEach((k, t) -> m.put(k, t.value()));
            return m;
        }

        /** Writes the saved tensors into {@code other} (which must have the same tensors). */
        public void restore(Model other) {
            if (!other.tensors().keySet().equals(model.tensors().keySet())) {
                throw new IllegalArgumentException("checkpoint tensors do not match the model: "
                        + model.tensors().keySet() + " vs " + other.tensors().keySet());
            }
            model.tensors().forEach((k, t) -> other.setTensor(k, t.value()));
        }
    }

    /** Saves the model after {@code epoch} completed epochs and {@code iteration} iterations; optimizer may be null. */
    public static void save(Path file, Model model, Optimizer optimizer, int epoch, long iteration) throws IOException {
        save(file, model, optimizer, epoch, iteration, Map.of());
    }

    /**
     * Saves as above, with {@code extraEntries} (e.g. {@code data.json}) in the same file, written in
     * the same atomic step.
     */
    public static void save(
            Path file, Model model, Optimizer optimizer, int epoch, long iteration, Map<String, byte[]> extraEntries)
            throws IOException {
        for (String name : extraEntries.keySet()) {
            if (name.equals(MANIFEST) || name.equals(GRAPH) || name.startsWith("tensors/")) {
                throw new IllegalArgumentException("entry name reserved for the checkpoint itself: " + name);
            }
        }
        String graphJson;
        try {
            graphJson = GraphFiles.toJson(model.graph());
        } catch (IllegalArgumentException e) {
            throw new CheckpointException("cannot save " + file + ": the network cannot be written: " + e.getMessage());
        }
        Map<String, INDArray> all = new LinkedHashMap<>();
        model.tensors().forEach((k, t) -> all.put("model/" + k, t.value()));
        if (optimizer != null) {
            optimizer.state().forEach((k, v) -> all.put("optimizer/" + k, v));
        }
        ObjectNode manifest = JSON.createObjectNode();
        manifest.put("format", FORMAT);
        manifest.put("version", VERSION);
        manifest.put("dataType", model.dataType().name());
        manifest.put("epoch", epoch);
        manifest.put("iteration", iteration);
        manifest.put("optimizerSteps", optimizer == null ? 0 : optimizer.steps());
        ArrayNode list = manifest.putArray("tensors");
        AtomicFiles.replace(file, out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            put(zip, GRAPH, graphJson.getBytes(StandardCharsets.UTF_8));
            int i = 0;
            for (Map.Entry<String, INDArray> e : all.entrySet()) {
                String entry = String.format("tensors/%05d.bin", i++);
                boolean f64 = e.getValue().dataType() == DataType.DOUBLE;
                ObjectNode t = list.addObject();
                t.put("name", e.getKey());
                ArrayNode shape = t.putArray("shape");
                for (long s : e.getValue().shape()) {
                    shape.add(s);
                }
                t.put("dtype", f64 ? "float64" : "float32");
                t.put("file", entry);
                // stored, not deflated: weights hardly compress, and saving after every epoch must stay cheap
                INDArray values = f64
                        ? e.getValue().dup('c')
                        : e.getValue().castTo(DataType.FLOAT).dup('c');
                CheckedOutputStream crc = new CheckedOutputStream(OutputStream.nullOutputStream(), new CRC32());
                writeValues(crc, values, f64);
                ZipEntry z = new ZipEntry(entry);
                z.setMethod(ZipEntry.STORED);
                z.setSize(values.length() * (f64 ? 8 : 4));
                z.setCrc(crc.getChecksum().getValue());
                zip.putNextEntry(z);
                writeValues(zip, values, f64);
                zip.closeEntry();
            }
            for (Map.Entry<String, byte[]> e : extraEntries.entrySet()) {
                put(zip, e.getKey(), e.getValue());
            }
            put(zip, MANIFEST, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
            zip.finish(); // not close(): the caller forces the file to disk before closing it
        });
    }

    /** Reads and checks a checkpoint; see the class comment. */
    public static Checkpoint load(Path file) throws CheckpointException {
        try (CheckpointZip zip = CheckpointZip.open(file)) {
            CheckpointManifest manifest = CheckpointManifest.parse(
                    zip.json(MANIFEST, MAX_JSON_BYTES, "the checkpoint's table of contents; is this a checkpoint?"),
                    file + ": " + MANIFEST);
            Graph graph = graph(zip);
            Model model = compile(file, graph, manifest.dataType());
            Map<String, INDArray> optimizerState = new LinkedHashMap<>();
            Map<String, Boolean> seen = new LinkedHashMap<>();
            model.tensors().keySet().forEach(k -> seen.put(k, false));
            for (CheckpointManifest.TensorEntry t : manifest.tensors()) {
                long[] expected = expectedShape(model, t);
                if (!java.util.Arrays.equals(expected, t.shape())) {
                    throw new CheckpointException(t.where() + ": " + t.name() + " has shape " + t.shapeText()
                            + " but the network's is " + java.util.Arrays.toString(expected));
                }
                INDArray values = TensorBytes.read(zip, t);
                if (t.name().startsWith("model/")) {
                    String key = t.name().substring(6);
                    model.setTensor(key, values);
                    seen.put(key, true);
                } else {
                    optimizerState.put(t.name().substring(10), values.castTo(manifest.dataType()));
                }
            }
            for (Map.Entry<String, Boolean> e : seen.entrySet()) {
                if (!e.getValue()) {
                    throw new CheckpointException(file + ": " + MANIFEST + ": tensors: no values for model/"
                            + e.getKey() + " of the network");
                }
            }
            return new Checkpoint(
                    graph,
                    manifest.dataType(),
                    model,
                    optimizerState,
                    manifest.optimizerSteps(),
                    manifest.epoch(),
                    manifest.iteration());
        }
    }

    /**
     * One extra entry of a checkpoint (e.g. {@code data.json}), at most {@code maxBytes}; empty when
     * the checkpoint has none.
     */
    public static Optional<byte[]> readEntry(Path file, String entry, int maxBytes) throws CheckpointException {
        try (CheckpointZip zip = CheckpointZip.open(file)) {
            return zip.read(entry, maxBytes);
        }
    }

    private static Graph graph(CheckpointZip zip) throws CheckpointException {
        byte[] bytes = zip.require(GRAPH, GraphFiles.MAX_BYTES, "the network, a graph file");
        String where = zip.file() + ": " + GRAPH;
        try {
            String text = StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
            return GraphFiles.fromJson(text, where);
        } catch (CharacterCodingException e) {
            throw new CheckpointException(where + ": expected UTF-8 text, got bytes that are not UTF-8");
        } catch (GraphFileException e) {
            throw new CheckpointException(e.getMessage());
        }
    }

    private static Model compile(Path file, Graph graph, DataType dataType) throws CheckpointException {
        NetworkAnalysis a = NetworkAnalysis.of(graph);
        if (a.hasErrors()) {
            throw new CheckpointException(file + ": " + GRAPH + ": the network is invalid: "
                    + a.diagnostics().stream()
                            .filter(org.blockscope.graph.Diagnostic::isError)
                            .findFirst()
                            .orElseThrow());
        }
        MemoryEstimate need = MemoryEstimate.inference(a, 1, dataType == DataType.DOUBLE ? 8 : 4);
        Optional<String> refusal = need.refusal(MemoryLimits.current());
        if (refusal.isPresent()) {
            throw new CheckpointException(file + ": the network is too large to load: " + refusal.get());
        }
        return Compiler.compile(graph, new Compiler.Options(0, dataType));
    }

    /** The shape the network gives the tensor named in the manifest, or a one-line refusal. */
    private static long[] expectedShape(Model model, CheckpointManifest.TensorEntry t) throws CheckpointException {
        String name = t.name();
        String tensor = null;
        if (name.startsWith("model/")) {
            tensor = name.substring(6);
        } else if (name.startsWith("optimizer/sgd/") && name.endsWith("/velocity")) {
            tensor = name.substring(14, name.length() - 9);
        } else if (name.startsWith("optimizer/adam/") && (name.endsWith("/m") || name.endsWith("/v"))) {
            tensor = name.substring(15, name.length() - 2);
        } else {
            throw new CheckpointException(t.where() + ".name: expected model/<tensor>, optimizer/sgd/<tensor>/velocity"
                    + " or optimizer/adam/<tensor>/m or /v, got \"" + shortened(name) + "\"");
        }
        Tensor own = model.tensors().get(tensor);
        if (own == null || (!name.startsWith("model/") && !own.trainable())) {
            throw new CheckpointException(
                    t.where() + ".name: the network has no " + (name.startsWith("model/") ? "" : "trainable ")
                            + "tensor \"" + shortened(tensor) + "\" (names follow the graph's expansion)");
        }
        return own.value().shape();
    }

    private static String shortened(String s) {
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }

    private static void put(ZipOutputStream zip, String name, byte[] data) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(data);
        zip.closeEntry();
    }

    /** The values of a C-order copy, little-endian, written in blocks (no byte copy of a large tensor). */
    private static void writeValues(OutputStream out, INDArray c, boolean f64) throws IOException {
        long n = c.length();
        int block = 1 << 14;
        ByteBuffer buf = ByteBuffer.allocate(block * (f64 ? 8 : 4)).order(ByteOrder.LITTLE_ENDIAN);
        var data = c.data();
        for (long start = 0; start < n; start += block) {
            int len = (int) Math.min(block, n - start);
            buf.clear();
            if (f64) {
                for (double d : data.getDoublesAt(start, len)) {
                    buf.putDouble(d);
                }
            } else {
                for (float f : data.getFloatsAt(start, len)) {
                    buf.putFloat(f);
                }
            }
            out.write(buf.array(), 0, buf.position());
        }
    }
}
