package org.blockscope.templates;

import static org.assertj.core.api.Assertions.assertThat;

import org.blockscope.analysis.NetworkAnalysis;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every template reproduces its published totals. The oracle is independent of our code: the
 * parameter counts torchvision reports for its models (and the papers for the CIFAR nets) and the
 * MAC counts torchvision's model docs give (its "GFLOPS" column counts multiply-accumulates).
 * A value of -1 means no public reference exists.
 */
class TemplateFiguresTest {

    @ParameterizedTest(name = "{0}: {1} params, {2} MACs")
    @CsvSource(textBlock = """
            vgg16,          138357544, 15470264320
            googlenet,        6624904,  1498376192
            resnet18,        11689512,  1814073344
            resnet34,        21797672,  3663761408
            resnet50,        25557032,  4089184256
            densenet121,      7978856,  2834161664
            densenet201,     20013928,          -1
            mobilenet_v2,     3504872,   300774272
            se_resnet50,     28088024,          -1
            resnext50,       25028904,          -1
            resnet20,          272474,    40813184
            densenet_bc40,     176122,          -1
            lenet5,             61706,          -1
            """)
    void templateMatchesPublishedTotals(String id, long params, long macs) {
        NetworkAnalysis a = NetworkAnalysis.of(Templates.graph(id));

        assertThat(a.diagnostics()).isEmpty();
        assertThat(a.total().params()).as("params of " + id).isEqualTo(params);
        if (macs >= 0) {
            assertThat(a.total().macs()).as("MACs of " + id).isEqualTo(macs);
        }
    }
}
