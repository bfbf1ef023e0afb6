package org.blockscope.engine.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.blockscope.engine.data.Augmentation;
import org.blockscope.engine.train.Checkpoints;
import org.blockscope.engine.train.OptimizerConfig;
import org.blockscope.engine.train.Schedule;
import org.blockscope.engine.train.TrainingConfig;

/**
 * How a checkpoint was trained: the run's {@link TrainingRun.Settings} as {@code training.json} inside
 * the checkpoint ZIP, so an exported training script can repeat the run. Checkpoints saved before this
 * entry existed have none ({@link #readFrom} is then empty).
 */
public final class SettingsFile {

    public static final String ENTRY = "training.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private SettingsFile() {}

    /** The settings as the JSON of {@value #ENTRY}, saved with the checkpoint in one atomic step. */
    public static byte[] toJson(TrainingRun.Settings s) {
        ObjectNode root = JSON.createObjectNode();
        TrainingConfig c = s.config();
        ObjectNode opt = root.putObject("optimizer");
        if (c.optimizer() instanceof OptimizerConfig.Adam a) {
            opt.put("name", "adam")
                    .put("beta1", a.beta1())
                    .put("beta2", a.beta2())
                    .put("eps", a.eps());
        } else if (c.optimizer() instanceof OptimizerConfig.Sgd g) {
            opt.put("name", "sgd").put("momentum", g.momentum()).put("nesterov", g.nesterov());
        }
        opt.put("weightDecay", c.optimizer().weightDecay());
        root.put("learningRate", c.learningRate());
        ObjectNode schedule = root.putObject("schedule");
        if (c.schedule() instanceof Schedule.Step st) {
            schedule.put("name", "step").put("every", st.every()).put("gamma", st.gamma());
        } else if (c.schedule() instanceof Schedule.Cosine) {
            schedule.put("name", "cosine");
        } else {
            schedule.put("name", "constant");
        }
        root.put("batchSize", c.batchSize());
        root.put("epochs", c.epochs());
        root.put("seed", c.seed());
        root.put("valFraction", s.valFraction());
        root.putObject("augmentation")
                .put("horizontalFlip", s.augmentation().horizontalFlip())
                .put("cropPadding", s.augmentation().cropPadding());
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("settings cannot be written as JSON", e);
        }
    }

    /** The settings saved in {@code checkpoint}, or empty when it has no {@value #ENTRY}. */
    public static Optional<TrainingRun.Settings> readFrom(Path checkpoint) throws IOException {
        Optional<byte[]> bytes = Checkpoints.readEntry(checkpoint, ENTRY, Checkpoints.MAX_JSON_BYTES);
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        JsonNode root;
        try {
            root = JSON.readTree(bytes.get());
        } catch (IOException e) {
            throw new IOException(checkpoint + ": " + ENTRY + ": not valid JSON");
        }
        return Optional.of(parse(root, checkpoint));
    }

    private static TrainingRun.Settings parse(JsonNode root, Path file) throws IOException {
        JsonNode opt = root.path("optimizer");
        double wd = opt.path("weightDecay").asDouble(0);
        OptimizerConfig optimizer = switch (opt.path("name").asText()) {
            case "adam" ->
                new OptimizerConfig.Adam(
                        opt.path("beta1").asDouble(0.9),
                        opt.path("beta2").asDouble(0.999),
                        opt.path("eps").asDouble(1e-8),
                        wd);
            case "sgd" ->
                new OptimizerConfig.Sgd(
                        opt.path("momentum").asDouble(0.9), opt.path("nesterov").asBoolean(), wd);
            default ->
                throw new IOException(file + "!" + ENTRY + ": optimizer.name: expected adam or sgd, got '"
                        + opt.path("name").asText() + "'");
        };
        JsonNode sch = root.path("schedule");
        Schedule schedule = switch (sch.path("name").asText("constant")) {
            case "step" ->
                new Schedule.Step(sch.path("every").asInt(1), sch.path("gamma").asDouble(0.1));
            case "cosine" -> new Schedule.Cosine();
            default -> new Schedule.Constant();
        };
        TrainingConfig config = new TrainingConfig(
                optimizer,
                root.path("learningRate").asDouble(),
                schedule,
                root.path("batchSize").asInt(),
                root.path("epochs").asInt(),
                root.path("seed").asLong());
        JsonNode aug = root.path("augmentation");
        return new TrainingRun.Settings(
                config,
                root.path("valFraction").asDouble(0.2),
                new Augmentation(
                        aug.path("horizontalFlip").asBoolean(),
                        aug.path("cropPadding").asInt()));
    }
}
