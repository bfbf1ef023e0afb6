package org.blockscope.engine.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.blockscope.engine.data.Normalization;

/**
 * What a checkpoint needs besides weights to be used on new images: the class names and the
 * per-channel normalisation the network was trained with. Stored as {@code data.json} inside the
 * checkpoint ZIP (see docs/checkpoint-format.md).
 */
public record RunMetadata(List<String> classNames, Normalization normalization) {

    public static final String ENTRY = "data.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    public void writeInto(Path checkpoint) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode names = root.putArray("classNames");
        classNames.forEach(names::add);
        ArrayNode mean = root.putArray("mean");
        ArrayNode std = root.putArray("std");
        for (int c = 0; c < normalization.channels(); c++) {
            mean.add(normalization.mean(c));
            std.add(normalization.std(c));
        }
        URI uri = URI.create("jar:" + checkpoint.toUri());
        try (FileSystem zip = FileSystems.newFileSystem(uri, Map.of())) {
            Files.write(
                    zip.getPath(ENTRY), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
        }
    }

    public static RunMetadata readFrom(Path checkpoint) throws IOException {
        URI uri = URI.create("jar:" + checkpoint.toUri());
        try (FileSystem zip = FileSystems.newFileSystem(uri, Map.of())) {
            Path entry = zip.getPath(ENTRY);
            if (!Files.exists(entry)) {
                throw new IOException(checkpoint + ": has no " + ENTRY + " (class names and normalisation); "
                        + "it was not saved by 'blockscope train'");
            }
            JsonNode root = JSON.readTree(Files.readAllBytes(entry));
            List<String> names = new ArrayList<>();
            root.path("classNames").forEach(n -> names.add(n.asText()));
            int channels = root.path("mean").size();
            float[] mean = new float[channels];
            float[] std = new float[channels];
            for (int c = 0; c < channels; c++) {
                mean[c] = (float) root.path("mean").get(c).asDouble();
                std[c] = (float) root.path("std").get(c).asDouble();
            }
            return new RunMetadata(names, Normalization.of(mean, std));
        }
    }
}
