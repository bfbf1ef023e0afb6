package org.blockscope.export.pytorch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The safetensors format, written and read without a library: an 8-byte little-endian header length
 * N, N bytes of JSON header ({@code {"name": {"dtype", "shape", "data_offsets": [begin, end]}, ...,
 * "__metadata__": {string: string}}}, padded with spaces to a multiple of 8), then the tensors' raw
 * little-endian bytes back to back, offsets counted from the end of the header. Float tensors are F32;
 * batch norm's {@code num_batches_tracked} is an I64 scalar.
 */
public final class SafeTensors {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String METADATA = "__metadata__";
    private static final long MAX_HEADER = 100L << 20;

    private SafeTensors() {}

    /** One tensor: float values, or a single int64 (values null). */
    public record Tensor(long[] shape, float[] values, long int64) {
        public static Tensor of(long[] shape, float[] values) {
            return new Tensor(shape, values, 0);
        }

        public static Tensor scalar(long value) {
            return new Tensor(new long[0], null, value);
        }

        long bytes() {
            return values == null ? 8 : 4L * values.length;
        }
    }

    /** A file's tensors (in file order) and metadata. */
    public record Contents(Map<String, Tensor> tensors, Map<String, String> metadata) {}

    /** Writes atomically (a temporary file next to it, then a rename). */
    public static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        ObjectNode header = JSON.createObjectNode();
        ObjectNode meta = header.putObject(METADATA);
        metadata.forEach(meta::put);
        long offset = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            Tensor t = e.getValue();
            ObjectNode o = header.putObject(e.getKey());
            o.put("dtype", t.values() == null ? "I64" : "F32");
            ArrayNode shape = o.putArray("shape");
            for (long s : t.shape()) {
                shape.add(s);
            }
            o.putArray("data_offsets").add(offset).add(offset + t.bytes());
            offset += t.bytes();
        }
        byte[] json = JSON.writeValueAsBytes(header);
        int padded = (json.length + 7) / 8 * 8;
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
            ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded);
            out.write(b.array());
            out.write(json);
            out.write(" ".repeat(padded - json.length).getBytes(StandardCharsets.US_ASCII));
            for (Tensor t : tensors.values()) {
                writeData(out, t);
            }
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void writeData(OutputStream out, Tensor t) throws IOException {
        if (t.values() == null) {
            out.write(ByteBuffer.allocate(8)
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .putLong(t.int64())
                    .array());
            return;
        }
        ByteBuffer b = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : t.values()) {
            if (!b.hasRemaining()) {
                out.write(b.array(), 0, b.position());
                b.clear();
            }
            b.putFloat(f);
        }
        out.write(b.array(), 0, b.position());
    }

    /** Reads a file with F32, F64 (narrowed to float) and I64 tensors; messages name the file and the tensor. */
    public static Contents read(Path file) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
                DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(raw, 1 << 16))) {
            byte[] len = in.readNBytes(8);
            if (len.length < 8) {
                throw new IOException(file + ": not a safetensors file (shorter than 8 bytes)");
            }
            long n = ByteBuffer.wrap(len).order(ByteOrder.LITTLE_ENDIAN).getLong();
            if (n <= 0 || n > MAX_HEADER) {
                throw new IOException(file + ": not a safetensors file (header length " + n + ")");
            }
            JsonNode header = JSON.readTree(in.readNBytes((int) n));
            Map<String, String> metadata = new LinkedHashMap<>();
            header.path(METADATA)
                    .fields()
                    .forEachRemaining(e -> metadata.put(e.getKey(), e.getValue().asText()));
            Map<String, JsonNode> entries = new java.util.TreeMap<>();
            for (Iterator<String> it = header.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                if (!name.equals(METADATA)) {
                    entries.put(name, header.get(name));
                }
            }
            byte[] data = in.readAllBytes();
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            entries.entrySet().stream()
                    .sorted(java.util.Comparator.comparingLong(
                            e -> e.getValue().path("data_offsets").path(0).asLong()))
                    .forEach(e -> tensors.put(e.getKey(), null));
            for (String name : tensors.keySet()) {
                tensors.put(name, tensor(file, name, entries.get(name), data));
            }
            return new Contents(tensors, metadata);
        }
    }

    private static Tensor tensor(Path file, String name, JsonNode info, byte[] data) throws IOException {
        long[] shape = new long[info.path("shape").size()];
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            shape[i] = info.path("shape").get(i).asLong();
            count *= shape[i];
        }
        long begin = info.path("data_offsets").path(0).asLong(-1);
        long end = info.path("data_offsets").path(1).asLong(-1);
        String dtype = info.path("dtype").asText();
        int size = switch (dtype) {
            case "F32" -> 4;
            case "F64", "I64" -> 8;
            default ->
                throw new IOException(
                        file + ": tensor '" + name + "' has dtype " + dtype + "; Blockscope reads F32, F64 and I64");
        };
        if (begin < 0 || end > data.length || end - begin != count * size) {
            throw new IOException(file + ": tensor '" + name + "': data_offsets [" + begin + ", " + end
                    + "] do not hold " + count + " values of " + dtype + " in " + data.length + " bytes of data");
        }
        ByteBuffer b = ByteBuffer.wrap(data, (int) begin, (int) (end - begin)).order(ByteOrder.LITTLE_ENDIAN);
        if (dtype.equals("I64")) {
            return new Tensor(shape, null, count == 1 ? b.getLong() : 0);
        }
        float[] v = new float[(int) count];
        for (int i = 0; i < v.length; i++) {
            v[i] = dtype.equals("F32") ? b.getFloat() : (float) b.getDouble();
        }
        return Tensor.of(shape, v);
    }
}
