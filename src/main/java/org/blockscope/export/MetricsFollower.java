package org.blockscope.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Follows the {@code metrics.jsonl} an exported train.py writes while it runs: each {@link #poll} returns
 * the lines completed since the last one. A line still being written waits for its newline; a file that
 * shrank (a new run) is read again from the start; lines that are not JSON objects are skipped.
 */
public final class MetricsFollower {

    /** One line: {@code kind} "iteration" (loss, lr) or "epoch" (loss, accuracy, val_loss, val_accuracy). */
    public record Metric(
            String kind,
            int epoch,
            long iteration,
            double loss,
            double valLoss,
            double valAccuracy,
            double accuracy,
            double lr) {

        public boolean isEpoch() {
            return kind.equals("epoch");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;
    private long offset;
    private long lastIteration;

    public MetricsFollower(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /** The metrics completed since the last call (none while the file does not exist yet). */
    public List<Metric> poll() throws IOException {
        List<Metric> out = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return out;
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            if (raf.length() < offset) {
                offset = 0; // a new run replaced the file
                lastIteration = 0;
            }
            byte[] bytes = new byte[(int) Math.min(Integer.MAX_VALUE - 8, raf.length() - offset)];
            raf.seek(offset);
            raf.readFully(bytes);
            int start = 0;
            for (int i = 0; i < bytes.length; i++) {
                if (bytes[i] == '\n') {
                    parse(new String(bytes, start, i - start, StandardCharsets.UTF_8))
                            .ifPresent(out::add);
                    start = i + 1;
                }
            }
            offset += start;
        }
        return out;
    }

    private java.util.Optional<Metric> parse(String line) {
        try {
            JsonNode n = JSON.readTree(line);
            if (n == null || !n.isObject() || !n.has("kind")) {
                return java.util.Optional.empty();
            }
            long iteration = n.path("iteration").asLong(lastIteration);
            lastIteration = iteration;
            return java.util.Optional.of(new Metric(
                    n.get("kind").asText(),
                    n.path("epoch").asInt(),
                    iteration,
                    n.path("loss").asDouble(Double.NaN),
                    n.path("val_loss").asDouble(Double.NaN),
                    n.path("val_accuracy").asDouble(Double.NaN),
                    n.path("accuracy").asDouble(Double.NaN),
                    n.path("lr").asDouble(Double.NaN)));
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }
}
