package org.blockscope.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.blockscope.cli.SummaryCliTest.run;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.blockscope.cli.SummaryCliTest.Run;
import org.blockscope.engine.compile.Compiler;
import org.blockscope.engine.compile.Model;
import org.blockscope.engine.data.ImageProbe;
import org.blockscope.engine.data.Normalization;
import org.blockscope.engine.explain.GradCam;
import org.blockscope.engine.run.RunMetadata;
import org.blockscope.engine.train.Checkpoints;
import org.blockscope.engine.train.Optimizer;
import org.blockscope.engine.train.OptimizerConfig;
import org.blockscope.graph.Shape;
import org.blockscope.templates.Templates;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

/** {@code inspect --gradcam/--saliency/--occlusion}: the overlay PNG and the map as CSV, as a user runs them. */
class InspectExplainCliTest {

    static final String DIGIT = "sample-images/probe/digit7_28.png";
    static final List<String> CLASSES = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    @TempDir
    static Path dir;

    static Path ckpt;

    @BeforeAll
    static void checkpoint() throws Exception {
        Model m = Compiler.compile(Templates.graph("lenet5"), new Compiler.Options(4, DataType.FLOAT));
        ckpt = dir.resolve("lenet.ckpt");
        RunMetadata meta = new RunMetadata(CLASSES, Normalization.of(new float[] {0.13f}, new float[] {0.31f}));
        Checkpoints.save(
                ckpt,
                m,
                new Optimizer(OptimizerConfig.Adam.defaults()),
                0,
                0,
                java.util.Map.of(RunMetadata.ENTRY, meta.toJson()));
    }

    @Test
    void gradCamWritesTheOverlayAndTheMapAtTheNodesResolution() throws Exception {
        Path out = dir.resolve("cam");
        Run r = run(
                "inspect",
                ckpt.toString(),
                "--image",
                DIGIT,
                "--gradcam",
                "c3",
                "--class",
                "7",
                "--out",
                out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("prediction: ")
                .contains("wrote gradcam-c3.png (overlay) and gradcam-c3.csv (10×10 map)");
        try (var files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("gradcam-c3.png", "gradcam-c3.csv");
        }
        BufferedImage png = ImageIO.read(out.resolve("gradcam-c3.png").toFile());
        assertThat(png.getWidth()).isGreaterThanOrEqualTo(224);
        List<String> lines = Files.readAllLines(out.resolve("gradcam-c3.csv"));
        assertThat(lines).hasSize(10).allSatisfy(l -> assertThat(l.split(",")).hasSize(10));
        // the same numbers as Grad-CAM computed on the checkpoint's model here
        CheckpointSource ck = CheckpointSource.load(ckpt);
        Shape s = ck.model().inputShape();
        float[] img = ImageProbe.load(Path.of(DIGIT), s, ck.metadata().normalization())
                .data()
                .asFloat();
        GradCam cam = GradCam.compute(ck.model(), img, "c3", 7);
        for (int y = 0; y < 10; y++) {
            String[] v = lines.get(y).split(",");
            for (int x = 0; x < 10; x++) {
                assertThat(Double.parseDouble(v[x]))
                        .isCloseTo(
                                cam.map().at(y, x),
                                org.assertj.core.api.Assertions.within(
                                        1e-5 * (1 + cam.map().at(y, x))));
            }
        }
        assertThat(cam.map().max()).isGreaterThan(0);
    }

    @Test
    void saliencyAndOcclusionWriteTheirMaps() throws Exception {
        Path out = dir.resolve("both");
        Run r = run("inspect", ckpt.toString(), "--image", DIGIT, "--saliency", "--occlusion", "--out", out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        // 28 px: squares of 7, stride 3: starts 0, 3, …, 21 → 8 positions per side
        assertThat(r.out())
                .contains("wrote saliency.png (overlay) and saliency.csv (28×28 map)")
                .contains("wrote occlusion.png (overlay) and occlusion.csv (8×8 map)");
    }

    @Test
    void anUnknownNodeOrClassIsOneClearLine() {
        Run node = run(
                "inspect",
                ckpt.toString(),
                "--image",
                DIGIT,
                "--gradcam",
                "conv9",
                "--out",
                dir.resolve("x").toString());
        assertThat(node.exit()).isEqualTo(2);
        assertThat(node.err())
                .startsWith("blockscope: no node named 'conv9'; names are the blocks of the network (")
                .contains("c1, ");
        Run vector = run(
                "inspect",
                ckpt.toString(),
                "--image",
                DIGIT,
                "--gradcam",
                "f5",
                "--out",
                dir.resolve("y").toString());
        assertThat(vector.exit()).isEqualTo(2);
        assertThat(vector.err()).contains("outputs the vector 120: Grad-CAM needs a feature map");
        Run cls = run(
                "inspect",
                ckpt.toString(),
                "--image",
                DIGIT,
                "--saliency",
                "--class",
                "cat",
                "--out",
                dir.resolve("z").toString());
        assertThat(cls.exit()).isEqualTo(2);
        assertThat(cls.err())
                .isEqualToIgnoringNewLines(
                        "blockscope: no class 'cat'; classes are 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 (or 0..9)");
    }
}
