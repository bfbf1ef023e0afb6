package org.blockscope.templates;

import static org.assertj.core.api.Assertions.assertThat;

import org.blockscope.analysis.NetworkAnalysis;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every template reproduces its published totals. The oracle is independent of our code: the
 * parameter counts torchvision reports for its models (and the papers for the CIFAR nets) and the
 * MAC counts torchvision's model docs give (its "GFLOPS" column counts multiply-accumulates).
 * A value of -1 means no public reference exists. Figures without a published count were measured
 * with {@code src/test/python/torchvision_figures.py} (torchvision 0.14) and, for ShuffleNet v1,
 * {@code src/test/python/shufflenet_v1_figures.py} (the authors' network, megvii-model/ShuffleNet-Series).
 * ResNet-56 and Plain-56 (n = 9) are summed by hand per stage: 432 + 32 (conv1, bn1), 9 × 4,672 (stage 1),
 * 14,528 + 8 × 18,560 (stage 2, first block with the 1×1 projection and its BN: 576), 57,728 + 8 × 73,984
 * (stage 3, projection 2,176), 650 (fc); He et al. 2016, table 6, give 0.85M. The same sums for n = 3 give
 * ResNet-20's 272,474; Plain-56 has no projections (−2,752).
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
            resnet56,          855770,   125747840
            plain56,           853018,   125485696
            densenet_bc40,     176122,          -1
            lenet5,             61706,          -1
            alexnet,         61100840,   714188480
            shufflenet_v1_g3, 1864728,   137460672
            efficientnet_b0,  5288548,   385814752
            efficientnet_b1,  7794184,   686802832
            efficientnet_b2,  9109994,   993561872
            efficientnet_b3, 12233232,  1827141392
            regnet_x_400mf,   5495976,   413812608
            regnet_y_400mf,   4344144,   401842848
            regnet_x_800mf,   7259656,   799699712
            shufflenet_v2_x0_5, 1366792,  40476448
            shufflenet_v2_x1_0, 2278604, 144907992
            """)
    void templateMatchesPublishedTotals(String id, long params, long macs) {
        NetworkAnalysis a = NetworkAnalysis.of(Templates.graph(id));

        assertThat(a.diagnostics()).isEmpty();
        assertThat(a.total().params()).as("params of " + id).isEqualTo(params);
        if (macs >= 0) {
            assertThat(a.total().macs()).as("MACs of " + id).isEqualTo(macs);
        }
    }

    /**
     * EfficientNet at 224×224 (as {@code --input 3x224x224} makes it) and at its own resolution:
     * torchvision's counts at both (torchvision_figures.py).
     */
    @ParameterizedTest(name = "{0} at 224: {1} MACs")
    @CsvSource(textBlock = """
            efficientnet_b0, 385814752
            efficientnet_b1, 569651680
            efficientnet_b2, 658963440
            efficientnet_b3, 962708240
            """)
    void efficientNetAt224MatchesTorchvision(String id, long macs) {
        NetworkAnalysis a = NetworkAnalysis.of(Inputs.resize(Templates.graph(id), 224));

        assertThat(a.diagnostics()).isEmpty();
        assertThat(a.total().macs()).isEqualTo(macs);
    }

    /**
     * ShuffleNet v1 at 1× for every g of Zhang et al. 2018, table 1: our counts equal those of the
     * authors' network (measured with shufflenet_v1_figures.py) and are the table's complexity
     * (143, 140, 137, 133, 137 MFLOPs, which count multiply-adds) to within 1.5%.
     */
    @ParameterizedTest(name = "ShuffleNet v1 1× g={0}: {1} params, {2} MACs, table 1: {3} M")
    @CsvSource(textBlock = """
            1, 1530936, 143078976, 143
            2, 1732848, 140836512, 140
            3, 1864728, 137460672, 137
            4, 1967344, 134339776, 133
            8, 2433768, 138365952, 137
            """)
    void shuffleNetV1MatchesTheAuthorsNetworkAndThePapersTable(int g, long params, long macs, int table) {
        NetworkAnalysis a = NetworkAnalysis.of(ShuffleNetTemplates.v1(g));

        assertThat(a.diagnostics()).isEmpty();
        assertThat(a.total().params()).isEqualTo(params);
        assertThat(a.total().macs()).isEqualTo(macs);
        assertThat(a.total().macs() / 1e6).isCloseTo(table, org.assertj.core.data.Percentage.withPercentage(1.5));
    }

    /**
     * GoogLeNet with its two auxiliary heads (torchvision googlenet(aux_logits=True) in training mode):
     * 13,004,888 params; inference evaluates the main path only, 1,498,376,192 MACs, and the heads
     * add 8,372,224 MACs while training.
     */
    @org.junit.jupiter.api.Test
    void googLeNetAuxHeadsAreCountedApartFromInference() {
        NetworkAnalysis a = NetworkAnalysis.of(Templates.graph("googlenet_aux"));

        assertThat(a.total().params()).isEqualTo(13_004_888);
        assertThat(a.inference().macs()).isEqualTo(1_498_376_192L);
        assertThat(a.inference().params()).isEqualTo(6_624_904);
        assertThat(a.trainingOnly().macs()).isEqualTo(8_372_224);
        assertThat(a.total().macs()).isEqualTo(1_498_376_192L + 8_372_224);
        NetworkAnalysis plain = NetworkAnalysis.of(Templates.graph("googlenet"));
        assertThat(plain.trainingOnly()).isEqualTo(org.blockscope.cost.Cost.ZERO);
        assertThat(plain.inference()).isEqualTo(plain.total());
    }
}
