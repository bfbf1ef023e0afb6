package org.blockscope.engine.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.blockscope.engine.compile.Compiler;
import org.blockscope.engine.compile.Model;
import org.blockscope.graph.Graph;
import org.blockscope.io.GraphFileException;
import org.blockscope.io.GraphFiles;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Saves and loads training checkpoints: a ZIP with {@code manifest.json}, the network as
 * {@code graph.bsg.json} ({@link GraphFiles}) and one raw little-endian array per tensor. The format
 * is described in {@code docs/checkpoint-format.md}. Saving writes a temporary file and moves it
 * over the target, so a crash never leaves half a checkpoint.
 */
public final class Checkpoints {
    private Checkpoints() {}

    public static final String FORMAT = "blockscope-checkpoint";
    public static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Everything read back from a checkpoint. */
    public record Checkpoint(
            Graph graph,
            DataType dataType,
            Map<String, INDArray> modelTensors,
            Map<String, INDArray> optimizerState,
            long optimizerSteps,
            int epoch,
            long iteration) {

        /** Compiles the graph and loads the saved tensors into the new model. */
        public Model toModel() {
            Model m = Compiler.compile(graph, new Compiler.Options(0, dataType));
            restore(m);
            return m;
        }

        /** Writes the saved tensors into {@code model} (which must have the same tensors). */
        public void restore(Model model) {
            if (!model.tensors().keySet().equals(modelTensors.keySet())) {
                throw new IllegalArgumentException("checkpoint tensors do not match the model: " + modelTensors.keySet()
                        + " vs " + model.tensors().keySet());
            }
            modelTensors.forEach(model::setTensor);
        }
    }

    /** Saves the model after {@code epoch} completed epochs and {@code iteration} iterations; optimizer may be null. */
    public static void save(Path file, Model model, Optimizer optimizer, int epoch, long iteration) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        ObjectNode manifest = JSON.createObjectNode();
        manifest.put("format", FORMAT);
        manifest.put("version", VERSION);
        manifest.put("dataType", model.dataType().name());
        manifest.put("epoch", epoch);
        manifest.put("iteration", iteration);
        manifest.put("optimizerSteps", optimizer == null ? 0 : optimizer.steps());
        ArrayNode list = manifest.putArray("tensors");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(tmp))) {
            put(zip, "graph.bsg.json", GraphFiles.toJson(model.graph()).getBytes(StandardCharsets.UTF_8));
            int i = 0;
            Map<String, INDArray> all = new LinkedHashMap<>();
            model.tensors().forEach((k, t) -> all.put("model/" + k, t.value()));
            if (optimizer != null) {
                optimizer.state().forEach((k, v) -> all.put("optimizer/" + k, v));
            }
            for (Map.Entry<String, INDArray> e : all.entrySet()) {
                String entry = String.format("tensors/%05d.bin", i++);
                ObjectNode t = list.addObject();
                t.put("name", e.getKey());
                ArrayNode shape = t.putArray("shape");
                for (long s : e.getValue().shape()) {
                    shape.add(s);
                }
                boolean f64 = e.getValue().dataType() == DataType.DOUBLE;
                t.put("dtype", f64 ? "float64" : "float32");
                t.put("file", entry);
                put(zip, entry, bytes(e.getValue(), f64));
            }
            put(zip, "manifest.json", JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public static Checkpoint load(Path file) throws IOException {
        Map<String, byte[]> entries = new HashMap<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                entries.put(e.getName(), readAll(zip));
            }
        }
        byte[] m = entries.get("manifest.json");
        if (m == null) {
            throw new IOException(file + ": not a checkpoint (no manifest.json)");
        }
        JsonNode manifest = JSON.readTree(m);
        if (!FORMAT.equals(manifest.path("format").asText())
                || manifest.path("version").asInt() != VERSION) {
            throw new IOException(file + ": manifest.json: expected format " + FORMAT + " version " + VERSION + ", got "
                    + manifest.path("format").asText() + " version "
                    + manifest.path("version").asText());
        }
        Graph graph;
        try {
            graph = GraphFiles.fromJson(
                    new String(entries.get("graph.bsg.json"), StandardCharsets.UTF_8), file + "!graph.bsg.json");
        } catch (GraphFileException ex) {
            throw new IOException(ex.getMessage(), ex);
        }
        Map<String, INDArray> model = new LinkedHashMap<>();
        Map<String, INDArray> opt = new LinkedHashMap<>();
        int index = 0;
        for (JsonNode t : manifest.path("tensors")) {
            String name = t.path("name").asText();
            long[] shape = new long[t.path("shape").size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = t.path("shape").get(i).asLong();
            }
            byte[] data = entries.get(t.path("file").asText());
            if (data == null) {
                throw new IOException(file + ": manifest.json tensors[" + index + "]: missing entry "
                        + t.path("file").asText());
            }
            INDArray a = array(data, shape, t.path("dtype").asText(), file + " " + name);
            if (name.startsWith("model/")) {
                model.put(name.substring(6), a);
            } else if (name.startsWith("optimizer/")) {
                opt.put(name.substring(10), a);
            }
            index++;
        }
        return new Checkpoint(
                graph,
                DataType.valueOf(manifest.path("dataType").asText("FLOAT")),
                model,
                opt,
                manifest.path("optimizerSteps").asLong(),
                manifest.path("epoch").asInt(),
                manifest.path("iteration").asLong());
    }

    private static void put(ZipOutputStream zip, String name, byte[] data) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(data);
        zip.closeEntry();
    }

    private static byte[] bytes(INDArray a, boolean f64) {
        INDArray c = a.dup('c');
        ByteBuffer buf = ByteBuffer.allocate((int) c.length() * (f64 ? 8 : 4)).order(ByteOrder.LITTLE_ENDIAN);
        if (f64) {
            for (double d : c.data().asDouble()) {
                buf.putDouble(d);
            }
        } else {
            for (float f : c.castTo(DataType.FLOAT).data().asFloat()) {
                buf.putFloat(f);
            }
        }
        return buf.array();
    }

    private static INDArray array(byte[] data, long[] shape, String dtype, String what) throws IOException {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        ByteBuffer buf = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        switch (dtype) {
            case "float32" -> {
                if (data.length != n * 4) {
                    throw new IOException(what + ": " + data.length + " bytes for " + n + " float32");
                }
                float[] f = new float[(int) n];
                buf.asFloatBuffer().get(f);
                return Nd4j.create(f, shape, 'c');
            }
            case "float64" -> {
                if (data.length != n * 8) {
                    throw new IOException(what + ": " + data.length + " bytes for " + n + " float64");
                }
                double[] d = new double[(int) n];
                buf.asDoubleBuffer().get(d);
                return Nd4j.create(d, shape, 'c');
            }
            default -> throw new IOException(what + ": unknown dtype '" + dtype + "' (float32 or float64)");
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toByteArray();
    }
}
