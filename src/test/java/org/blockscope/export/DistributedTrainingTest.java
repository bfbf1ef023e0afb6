package org.blockscope.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.blockscope.cli.BlockscopeCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The way out and back in: a LeNet-5 trained one epoch in Blockscope is exported to PyTorch, trained one
 * more epoch by {@code torchrun --nproc_per_node 2} (DistributedDataParallel over gloo, CPU) on the
 * bundled digits, its weights imported back, and {@code blockscope eval} counts exactly the correct
 * validation images train.py reported.
 */
class DistributedTrainingTest {

    record Run(int exit, String out, String err) {}

    static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = BlockscopeCli.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void torchrunTrainsTheExportedNetworkAndBlockscopeReadsItBack(@TempDir Path dir) throws Exception {
        Path digits = Path.of("sample-images/digits").toAbsolutePath();
        Path ckpt = dir.resolve("lenet.ckpt");
        Run train = cli(
                "train",
                "--template",
                "lenet5",
                "--data",
                digits.toString(),
                "--epochs",
                "1",
                "--batch",
                "32",
                "--lr",
                "0.003",
                "--save",
                ckpt.toString());
        assertThat(train.exit()).as(train.err()).isZero();

        Path project = dir.resolve("lenet-pytorch");
        Run export = cli("export", ckpt.toString(), "--pytorch", project.toString());
        assertThat(export.exit()).as(export.err()).isZero();
        assertThat(Files.readString(project.resolve("train.py")))
                .contains("epochs=1,")
                .contains("batch=32,")
                .contains("lr=0.003,")
                .contains("optimizer=\"adam\",");

        String log = Python.run(
                project,
                Map.of("OMP_NUM_THREADS", "1"),
                600,
                "-m",
                "torch.distributed.run",
                "--standalone",
                "--nproc_per_node",
                "2",
                // torch 1.13 on Python 3.11 (Debian bookworm) fails on the default "0" of both (fixed in 2.0)
                "--redirects",
                "1",
                "--tee",
                "1",
                "train.py",
                "--data",
                digits.toString(),
                "--out",
                "runs");
        List<String> lines = Files.readAllLines(project.resolve("runs/metrics.jsonl"));
        JsonNode epoch = new ObjectMapper().readTree(lines.get(lines.size() - 1));
        assertThat(epoch.get("kind").asText()).isEqualTo("epoch");
        assertThat(epoch.get("processes").asInt()).as(log).isEqualTo(2);
        assertThat(epoch.get("val_total").asInt()).isEqualTo(600);
        int correct = epoch.get("val_correct").asInt();
        assertThat(epoch.get("val_accuracy").asDouble()).isGreaterThan(0.85);
        assertThat(lines).anyMatch(l -> l.contains("\"kind\": \"iteration\""));

        Path imported = dir.resolve("trained.ckpt");
        Run in = cli(
                "import-weights",
                project.resolve("runs/weights.safetensors").toString(),
                "--save",
                imported.toString());
        assertThat(in.exit()).as(in.err()).isZero();
        Run eval = cli("eval", imported.toString(), "--data", digits.toString());
        assertThat(eval.exit()).as(eval.err()).isZero();
        Matcher m = Pattern.compile("accuracy \\d\\.\\d{4} \\((\\d+) of 600 images\\)")
                .matcher(eval.out());
        assertThat(m.find()).as(eval.out()).isTrue();
        assertThat(Integer.parseInt(m.group(1)))
                .as("correct validation images: blockscope eval vs train.py")
                .isEqualTo(correct);
    }
}
