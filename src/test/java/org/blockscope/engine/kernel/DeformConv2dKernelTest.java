package org.blockscope.engine.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Deformable convolution equals {@code torchvision.ops.deform_conv2d} in float32, forward and
 * backward (input, offsets, mask, weight, bias), within 1e-4. The reference is the committed output of
 * {@code src/test/python/deform_conv2d_reference.py}; where Debian's python3-torchvision is installed
 * the test runs the script again and checks the committed file is what torchvision computes.
 */
class DeformConv2dKernelTest {

    static final double TOL = 1e-4;
    static final Path SCRIPT = Path.of("src/test/python/deform_conv2d_reference.py");

    static JsonNode reference() throws IOException {
        try (InputStream in = DeformConv2dKernelTest.class.getResourceAsStream("/deform_conv2d_reference.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    static List<JsonNode> cases() throws IOException {
        List<JsonNode> l = new ArrayList<>();
        reference().get("cases").forEach(l::add);
        return l;
    }

    @ParameterizedTest(name = "{index}")
    @MethodSource("cases")
    void matchesTorchvisionForwardAndBackward(JsonNode c) {
        int n = c.get("n").asInt(),
                ch = c.get("c").asInt(),
                h = c.get("h").asInt(),
                w = c.get("w").asInt();
        int f = c.get("f").asInt(),
                k = c.get("kernel").asInt(),
                ho = c.get("ho").asInt(),
                wo = c.get("wo").asInt();
        boolean mod = c.get("modulated").asBoolean();
        DeformConv2dKernel.Spec s = new DeformConv2dKernel.Spec(
                k,
                c.get("stride").asInt(),
                c.get("pad").asInt(),
                c.get("dilation").asInt(),
                mod,
                true);
        INDArray x = array(c, "x", n, ch, h, w);
        INDArray offset = array(c, "offset", n, 2 * k * k, ho, wo);
        // port 1 carries the 2k² offsets, then (v2) the k² mask values
        INDArray port1 = mod ? Nd4j.concat(1, offset, array(c, "mask", n, k * k, ho, wo)) : offset;
        INDArray weight = array(c, "weight", f, ch, k, k);
        INDArray bias = array(c, "bias", f);
        INDArray dy = array(c, "dy", n, f, ho, wo);
        String name = c.get("name").asText();

        INDArray y = DeformConv2dKernel.forward(s, x, port1, weight, bias);
        DeformConv2dKernel.Grads g = DeformConv2dKernel.backward(s, x, port1, weight, bias, dy);

        assertThat(y.dataType()).isEqualTo(DataType.FLOAT);
        close(name + " y", y, array(c, "y", n, f, ho, wo));
        close(name + " dx", g.dx(), array(c, "dx", n, ch, h, w));
        close(name + " dweight", g.dw(), array(c, "dweight", f, ch, k, k));
        close(name + " dbias", g.db(), array(c, "dbias", f));
        INDArray doff = g.doffset();
        close(
                name + " doffset",
                doff.get(
                                org.nd4j.linalg.indexing.NDArrayIndex.all(),
                                org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 2 * k * k))
                        .dup(),
                array(c, "doffset", n, 2 * k * k, ho, wo));
        if (mod) {
            close(
                    name + " dmask",
                    doff.get(
                                    org.nd4j.linalg.indexing.NDArrayIndex.all(),
                                    org.nd4j.linalg.indexing.NDArrayIndex.interval(2 * k * k, 3 * k * k))
                            .dup(),
                    array(c, "dmask", n, k * k, ho, wo));
        }
    }

    /** Some taps of the reference land outside the image, where sampling gives zero: the edges are covered. */
    @Test
    void theReferenceSamplesOutsideTheImage() throws IOException {
        JsonNode c = reference().get("cases").get(0);
        double max = 0;
        for (JsonNode v : c.get("offset")) {
            max = Math.max(max, Math.abs(v.asDouble()));
        }
        assertThat(max).isGreaterThan(c.get("h").asInt());
    }

    @Test
    void theCommittedReferenceIsWhatTorchvisionComputes() throws Exception {
        Path python = Path.of("/usr/bin/python3");
        if (!Files.isExecutable(python) || !torchvisionInstalled(python)) {
            return; // .ci/run installs python3-torchvision; without it the committed file is the reference
        }
        Process p = new ProcessBuilder(python.toString(), SCRIPT.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        JsonNode fresh = new ObjectMapper().readTree(out).get("cases");
        JsonNode committed = reference().get("cases");
        assertThat(fresh.size()).isEqualTo(committed.size());
        for (int i = 0; i < fresh.size(); i++) {
            for (String key : List.of("y", "dx", "doffset", "dweight")) {
                double[] a = values(fresh.get(i), key);
                double[] b = values(committed.get(i), key);
                assertThat(a).hasSameSizeAs(b);
                for (int j = 0; j < a.length; j++) {
                    assertThat(Math.abs(a[j] - b[j])).as(key + "[" + j + "]").isLessThan(1e-5);
                }
            }
        }
    }

    private static boolean torchvisionInstalled(Path python) throws Exception {
        Process p = new ProcessBuilder(python.toString(), "-c", "import torchvision.ops")
                .redirectErrorStream(true)
                .start();
        p.getInputStream().readAllBytes();
        return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    private static double[] values(JsonNode c, String key) {
        JsonNode a = c.get(key);
        double[] d = new double[a.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = a.get(i).asDouble();
        }
        return d;
    }

    private static INDArray array(JsonNode c, String key, long... shape) {
        double[] d = values(c, key);
        return Nd4j.create(d, shape, 'c').castTo(DataType.FLOAT);
    }

    private static void close(String what, INDArray actual, INDArray expected) {
        assertThat(actual.shape()).as(what + " shape").isEqualTo(expected.shape());
        double[] a = actual.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[] e = expected.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double worst = 0;
        int at = -1;
        for (int i = 0; i < a.length; i++) {
            double err = Math.abs(a[i] - e[i]) / Math.max(1, Math.abs(e[i]));
            if (err > worst) {
                worst = err;
                at = i;
            }
        }
        assertThat(worst)
                .as(
                        "%s: worst difference at %d (%s vs torchvision %s)",
                        what, at, at < 0 ? 0 : a[at], at < 0 ? 0 : e[at])
                .isLessThanOrEqualTo(TOL);
    }
}
