package org.blockscope.engine.train;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * {@code manifest.json} of a checkpoint, checked field by field: every value has the documented
 * type and range, or the message names the field ({@code run.ckpt: manifest.json: tensors[3].shape: ...}).
 */
record CheckpointManifest(
        DataType dataType, int epoch, long iteration, long optimizerSteps, List<TensorEntry> tensors) {

    /** One tensor: its name, shape, value type and the ZIP entry holding its values. */
    record TensorEntry(String where, String name, long[] shape, boolean f64, String file) {

        long elements() {
            long n = 1;
            for (long s : shape) {
                n *= s; // each size is below 2^31 and the product was checked in parse()
            }
            return n;
        }

        long bytes() {
            return elements() * (f64 ? 8 : 4);
        }

        String shapeText() {
            return Arrays.toString(shape);
        }
    }

    /** The most values one tensor may hold: one Java array. */
    static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    static CheckpointManifest parse(JsonNode m, String where) throws CheckpointException {
        String format = m.path("format").asText("");
        if (!Checkpoints.FORMAT.equals(format)) {
            throw new CheckpointException(where + ": format: expected \"" + Checkpoints.FORMAT + "\", got "
                    + describe(m.get("format")) + " (is this a Blockscope checkpoint?)");
        }
        JsonNode version = m.get("version");
        if (version == null || !version.isIntegralNumber() || version.asLong() != Checkpoints.VERSION) {
            throw new CheckpointException(where + ": version: expected " + Checkpoints.VERSION + ", got "
                    + describe(version)
                    + (version != null && version.isIntegralNumber() && version.asLong() > Checkpoints.VERSION
                            ? " (written by a newer Blockscope; please update)"
                            : ""));
        }
        JsonNode type = m.get("dataType");
        DataType dataType;
        if (type != null && type.isTextual() && type.textValue().equals("FLOAT")) {
            dataType = DataType.FLOAT;
        } else if (type != null && type.isTextual() && type.textValue().equals("DOUBLE")) {
            dataType = DataType.DOUBLE;
        } else {
            throw new CheckpointException(
                    where + ": dataType: expected \"FLOAT\" or \"DOUBLE\", got " + describe(type));
        }
        int epoch = (int) count(m, "epoch", where, Integer.MAX_VALUE);
        long iteration = count(m, "iteration", where, Long.MAX_VALUE);
        long steps = count(m, "optimizerSteps", where, Long.MAX_VALUE);
        JsonNode list = m.get("tensors");
        if (list == null || !list.isArray()) {
            throw new CheckpointException(where + ": tensors: expected an array, got " + describe(list));
        }
        List<TensorEntry> tensors = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            TensorEntry t = tensor(list.get(i), where + ": tensors[" + i + "]");
            if (!names.add(t.name())) {
                throw new CheckpointException(t.where() + ".name: \"" + t.name() + "\" appears twice");
            }
            tensors.add(t);
        }
        return new CheckpointManifest(dataType, epoch, iteration, steps, List.copyOf(tensors));
    }

    private static TensorEntry tensor(JsonNode t, String where) throws CheckpointException {
        if (!t.isObject()) {
            throw new CheckpointException(where + ": expected an object, got " + describe(t));
        }
        String name = text(t, "name", where);
        String file = text(t, "file", where);
        String dtype = text(t, "dtype", where);
        if (!dtype.equals("float32") && !dtype.equals("float64")) {
            throw new CheckpointException(
                    where + ".dtype: expected \"float32\" or \"float64\", got " + describe(t.get("dtype")));
        }
        JsonNode shapeNode = t.get("shape");
        if (shapeNode == null || !shapeNode.isArray() || shapeNode.size() > 8) {
            throw new CheckpointException(
                    where + ".shape: expected an array of at most 8 sizes, got " + describe(shapeNode));
        }
        long[] shape = new long[shapeNode.size()];
        long elements = 1;
        for (int d = 0; d < shape.length; d++) {
            JsonNode s = shapeNode.get(d);
            if (!s.isIntegralNumber() || !s.canConvertToInt() || s.intValue() < 0) {
                throw new CheckpointException(
                        where + ".shape[" + d + "]: expected a whole number >= 0, got " + describe(s));
            }
            shape[d] = s.intValue();
            elements = shape[d] == 0 ? 0 : elements > MAX_ELEMENTS / shape[d] ? MAX_ELEMENTS + 1 : elements * shape[d];
        }
        if (elements > MAX_ELEMENTS) {
            throw new CheckpointException(where + ".shape: " + Arrays.toString(shape) + " is more than " + MAX_ELEMENTS
                    + " values, the most one tensor may hold");
        }
        return new TensorEntry(where, name, shape, dtype.equals("float64"), file);
    }

    private static long count(JsonNode m, String field, String where, long max) throws CheckpointException {
        JsonNode v = m.get(field);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < 0 || v.asLong() > max) {
            throw new CheckpointException(where + ": " + field + ": expected a whole number >= 0, got " + describe(v));
        }
        return v.asLong();
    }

    private static String text(JsonNode t, String field, String where) throws CheckpointException {
        JsonNode v = t.get(field);
        if (v == null || !v.isTextual()) {
            throw new CheckpointException(where + "." + field + ": expected a string, got " + describe(v));
        }
        return v.textValue();
    }

    /** A JSON value as quoted in messages, short. */
    static String describe(JsonNode v) {
        if (v == null || v.isMissingNode()) {
            return "nothing";
        }
        if (v.isObject()) {
            return "an object";
        }
        if (v.isArray()) {
            return "an array of " + v.size();
        }
        String s = v.toString();
        return s.length() > 40 ? s.substring(0, 37) + "..." : s;
    }
}
