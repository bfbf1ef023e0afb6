package org.blockscope.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipOutputStream;
import org.blockscope.engine.data.Augmentation;
import org.blockscope.engine.run.SettingsFile;
import org.blockscope.engine.run.TrainingRun;
import org.blockscope.engine.train.OptimizerConfig;
import org.blockscope.engine.train.Schedule;
import org.blockscope.engine.train.TrainingConfig;
import org.blockscope.export.pytorch.PyTorchExporter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run's settings survive the checkpoint and become the defaults of the exported train.py. */
class TrainingSettingsTest {

    @Test
    void settingsRoundTripThroughTheCheckpointIntoTrainPy(@TempDir Path dir) throws Exception {
        Path ckpt = dir.resolve("x.ckpt");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(ckpt))) {
            zip.putNextEntry(new java.util.zip.ZipEntry("manifest.json"));
            zip.closeEntry();
        }
        assertThat(SettingsFile.readFrom(ckpt)).isEmpty();
        TrainingRun.Settings s = new TrainingRun.Settings(
                new TrainingConfig(
                        new OptimizerConfig.Sgd(0.8, true, 5e-4), 0.05, new Schedule.Step(4, 0.2), 48, 12, 99),
                0.25,
                Augmentation.cropAndFlip());
        Path saved = dir.resolve("y.ckpt");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(saved))) {
            zip.putNextEntry(new java.util.zip.ZipEntry("manifest.json"));
            zip.closeEntry();
            zip.putNextEntry(new java.util.zip.ZipEntry(SettingsFile.ENTRY));
            zip.write(SettingsFile.toJson(s));
            zip.closeEntry();
        }
        assertThat(SettingsFile.readFrom(saved)).contains(s);

        String defaults = PyTorchExporter.defaults(s, "test");
        assertThat(defaults)
                .contains("epochs=12,", "batch=48,", "lr=0.05,", "optimizer=\"sgd\",", "momentum=0.8,")
                .contains("nesterov=True,", "weight_decay=5.0e-4,", "schedule=\"step\",", "step_every=4,")
                .contains("step_gamma=0.2,", "seed=99,", "val_split=0.25,", "crop_padding=4,", "flip=True,");
    }
}
