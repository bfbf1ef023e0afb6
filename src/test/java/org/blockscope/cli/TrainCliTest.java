package org.blockscope.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.blockscope.cli.SummaryCliTest.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.blockscope.cli.SummaryCliTest.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train → eval → inspect as a user runs them, on the bundled digits. */
class TrainCliTest {

    @Test
    void trainSavesACheckpointThatEvalAndInspectRead(@TempDir Path dir) throws Exception {
        Path ckpt = dir.resolve("lenet.ckpt");
        Run train = run(
                "train",
                "--template",
                "lenet5",
                "--data",
                "sample-images/digits",
                "--epochs",
                "2",
                "--lr",
                "0.003",
                "--save",
                ckpt.toString());
        assertThat(train.exit()).as(train.err()).isZero();
        assertThat(train.out())
                .contains("Training:     3000 images")
                .contains("Validation:   600 images")
                .containsPattern(
                        "epoch 2/2  loss \\d\\.\\d{4}  accuracy \\d\\.\\d{4}  val_loss \\d\\.\\d{4}  val_accuracy 0\\.9\\d{3}")
                .contains("saved " + ckpt);
        double trainedAccuracy = lastValAccuracy(train.out());

        Run eval = run("eval", ckpt.toString(), "--data", "sample-images/digits");
        assertThat(eval.exit()).as(eval.err()).isZero();
        // eval reads the val/ half, the same 600 images the trainer validated on: same accuracy
        assertThat(eval.out())
                .contains(String.format(java.util.Locale.ROOT, "accuracy %.4f (", trainedAccuracy))
                .contains("of 600 images")
                .contains("confusion matrix (rows: true class, columns: predicted)");

        Path out = dir.resolve("maps");
        Run inspect = run(
                "inspect", ckpt.toString(), "--image", "sample-images/probe/digit3_28.png", "--out", out.toString());
        assertThat(inspect.exit()).as(inspect.err()).isZero();
        assertThat(inspect.out()).contains("prediction: ").contains("wrote 14 feature-map grid(s)");
        assertThat(out.resolve("c1.png")).exists();
        assertThat(javax.imageio.ImageIO.read(out.resolve("c3.png").toFile()).getWidth())
                .isGreaterThan(100);

        Run one = run(
                "inspect",
                ckpt.toString(),
                "--image",
                "sample-images/probe/digit3_28.png",
                "--node",
                "c3",
                "--out",
                dir.resolve("one").toString());
        assertThat(one.out()).contains("wrote 1 feature-map grid(s)");
        try (var files = Files.list(dir.resolve("one"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("c3.png");
        }
    }

    private static double lastValAccuracy(String out) {
        Matcher m = Pattern.compile("val_accuracy (\\d\\.\\d{4})").matcher(out);
        double last = -1;
        while (m.find()) {
            last = Double.parseDouble(m.group(1));
        }
        return last;
    }

    @Test
    void seNetworkWritesChannelWeightsAndColourDataAdaptsTheClassCount(@TempDir Path dir) throws Exception {
        Path ckpt = dir.resolve("se.ckpt");
        Run train = run(
                "train",
                "--template",
                "se_resnet20",
                "--data",
                "sample-images/colour32",
                "--epochs",
                "1",
                "--save",
                ckpt.toString());
        assertThat(train.exit()).as(train.err()).isZero();
        assertThat(train.out()).contains("note: 'fc' now has 4 outputs for the 4 classes of the data (was 10).");
        Run inspect = run(
                "inspect",
                ckpt.toString(),
                "--image",
                "sample-images/probe/cat_32.png",
                "--node",
                "stage1_0",
                "--out",
                dir.toString());
        assertThat(inspect.exit()).as(inspect.err()).isZero();
        java.util.List<String> csv = Files.readAllLines(dir.resolve("se_weights.csv"));
        // 9 SE blocks: 3 of 16 channels, 3 of 32, 3 of 64
        assertThat(csv).hasSize(1 + 3 * 16 + 3 * 32 + 3 * 64);
        assertThat(csv.get(1)).startsWith("stage1_0/se,0,0.");
    }

    @Test
    void badInputExitsTwoWithAClearMessage(@TempDir Path dir) {
        Run noData = run(
                "train",
                "--template",
                "lenet5",
                "--data",
                dir.resolve("nowhere").toString());
        assertThat(noData.exit()).isEqualTo(2);
        assertThat(noData.err()).contains("folder not found: ").contains("nowhere");

        Run badOptimizer =
                run("train", "--template", "lenet5", "--data", "sample-images/digits", "--optimizer", "rmsprop");
        assertThat(badOptimizer.exit()).isEqualTo(2);
        assertThat(badOptimizer.err()).contains("--optimizer: expected adam or sgd, got 'rmsprop'");

        Run noCheckpoint = run("eval", dir.resolve("missing.ckpt").toString(), "--data", "sample-images/digits");
        assertThat(noCheckpoint.exit()).isEqualTo(2);
        assertThat(noCheckpoint.err()).contains("checkpoint not found: ");
    }
}
