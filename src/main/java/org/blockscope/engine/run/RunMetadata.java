package org.blockscope.engine.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.blockscope.engine.compile.Model;
import org.blockscope.engine.data.Normalization;
import org.blockscope.engine.train.CheckpointException;
import org.blockscope.engine.train.Checkpoints;

/**
 * What a checkpoint needs besides weights to be used on new images: the class names and the
 * per-channel normalisation the network was trained with. Stored as {@code data.json} inside the
 * checkpoint ZIP, written in the same atomic step as the rest (see docs/checkpoint-format.md).
 */
public record RunMetadata(List<String> classNames, Normalization normalization) {

    public static final String ENTRY = "data.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    public RunMetadata {
        classNames = List.copyOf(classNames);
    }

    /** The text of {@code data.json}. */
    public byte[] toJson() {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode names = root.putArray("classNames");
        classNames.forEach(names::add);
        ArrayNode mean = root.putArray("mean");
        ArrayNode std = root.putArray("std");
        for (int c = 0; c < normalization.channels(); c++) {
            mean.add(normalization.mean(c));
            std.add(normalization.std(c));
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e); // a tree of strings and numbers always serialises
        }
    }

    /**
     * Reads {@code data.json} of {@code checkpoint} and checks it against the network restored from
     * it: one class name per output, one mean and one positive std per input channel.
     *
     * @throws CheckpointException one line naming the file, the entry and the field
     */
    public static RunMetadata readFor(Path checkpoint, Model model) throws CheckpointException {
        String where = checkpoint + ": " + ENTRY;
        byte[] bytes = Checkpoints.readEntry(checkpoint, ENTRY, Checkpoints.MAX_JSON_BYTES)
                .orElseThrow(() -> new CheckpointException(checkpoint + ": has no " + ENTRY
                        + " (class names and normalisation); it was not saved by 'blockscope train'"));
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (IOException e) {
            throw new CheckpointException(where + ": not valid JSON"
                    + (e instanceof JsonProcessingException j && j.getLocation() != null
                            ? " (line " + j.getLocation().getLineNr() + ", column "
                                    + j.getLocation().getColumnNr() + ")"
                            : ""));
        }
        if (root == null || !root.isObject()) {
            throw new CheckpointException(where + ": expected a JSON object with classNames, mean and std");
        }
        List<String> names = classNames(root, where, model.classCount());
        int channels = model.inputShape().channels();
        float[] mean = values(root, "mean", where, channels, false);
        float[] std = values(root, "std", where, channels, true);
        return new RunMetadata(names, Normalization.of(mean, std));
    }

    private static String shortText(JsonNode v) {
        String s = v.toString();
        return s.length() > 40 ? s.substring(0, 37) + "..." : s;
    }

    private static List<String> classNames(JsonNode root, String where, int classes) throws CheckpointException {
        JsonNode list = root.get("classNames");
        if (list == null || !list.isArray()) {
            throw new CheckpointException(where + ": classNames: expected an array of " + classes + " names");
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!list.get(i).isTextual()) {
                throw new CheckpointException(where + ": classNames[" + i + "]: expected a string");
            }
            names.add(list.get(i).textValue());
        }
        if (names.size() != classes) {
            throw new CheckpointException(
                    where + ": classNames: " + names.size() + " names, but the network has " + classes + " outputs");
        }
        return names;
    }

    private static float[] values(JsonNode root, String field, String where, int channels, boolean positive)
            throws CheckpointException {
        JsonNode list = root.get(field);
        if (list == null || !list.isArray()) {
            throw new CheckpointException(where + ": " + field + ": expected an array of " + channels + " numbers");
        }
        if (list.size() != channels) {
            throw new CheckpointException(where + ": " + field + ": " + list.size() + " value"
                    + (list.size() == 1 ? "" : "s") + ", but the network's input has " + channels + " channel"
                    + (channels == 1 ? "" : "s"));
        }
        float[] out = new float[channels];
        for (int c = 0; c < channels; c++) {
            JsonNode v = list.get(c);
            float f = v.isNumber() ? (float) v.doubleValue() : Float.NaN;
            if (!Float.isFinite(f) || (positive && !(f > 0))) {
                throw new CheckpointException(where + ": " + field + "[" + c + "]: expected a "
                        + (positive ? "positive " : "") + "number, got " + shortText(v));
            }
            out[c] = f;
        }
        return out;
    }
}
