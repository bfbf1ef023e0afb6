package org.blockscope.templates;

import org.blockscope.block.NamedBlock;
import org.blockscope.block.SubgraphBuilder;
import org.blockscope.graph.Graph;
import org.blockscope.kind.Params;
import org.blockscope.primitive.Primitive;

/** Small networks that train in about a minute on the bundled 28×28 digits and 32×32 colour images. */
final class ClassroomTemplates {

    private ClassroomTemplates() {}

    /** LeNet-5 (LeCun et al. 1998) on 28×28 digits, padded so C1 sees 32×32 as in the paper: 61,706 params. */
    static Graph lenet5() {
        SubgraphBuilder b = new SubgraphBuilder();
        String x = b.input(1, 28, 28);
        x = b.act("c1_tanh", b.conv("c1", x, 6, 5, 1, 2, 1, true), "tanh");
        x = b.avgPool("s2", x, 2, 2, 0);
        x = b.act("c3_tanh", b.conv("c3", x, 16, 5, 1, 0, 1, true), "tanh");
        x = b.avgPool("s4", x, 2, 2, 0);
        x = b.add("flatten", Primitive.FLATTEN, Params.EMPTY, x);
        x = b.act("f5_tanh", b.fc("f5", x, 120, true), "tanh");
        x = b.act("f6_tanh", b.fc("f6", x, 84, true), "tanh");
        return ImageNetTemplates.finish(b, b.fc("f7", x, 10, true));
    }

    /** ResNet-20 for CIFAR (He et al. 2016, section 4.2) with 1×1 projection shortcuts. */
    static Graph resnet20(boolean se) {
        return cifarResnet(3, se);
    }

    /**
     * The CIFAR ResNets of He et al. 2016, section 4.2: 6n + 2 layers (a conv, three stages of n basic
     * blocks with 16/32/64 filters, the classifier), with 1×1 projection shortcuts where the shape changes.
     */
    static Graph cifarResnet(int n, boolean se) {
        SubgraphBuilder b = new SubgraphBuilder();
        String x = b.input(3, 32, 32);
        x = b.relu("relu1", b.bn("bn1", b.conv("conv1", x, 16, 3, 1, 1, 1, false)));
        int[] widths = {16, 32, 64};
        for (int stage = 0; stage < 3; stage++) {
            for (int i = 0; i < n; i++) {
                x = b.add(
                        "stage" + (stage + 1) + "_" + i,
                        NamedBlock.RESIDUAL,
                        Params.of(
                                "variant",
                                "basic",
                                "filters",
                                widths[stage],
                                "stride",
                                stage > 0 && i == 0 ? 2 : 1,
                                "shortcut",
                                "auto",
                                "se",
                                se,
                                "seRatio",
                                4),
                        x);
            }
        }
        return ImageNetTemplates.finish(b, b.fc("fc", b.gap("avgpool", x), 10, true));
    }

    /**
     * The "plain" 20-layer counterpart of ResNet-20 (He et al. 2016, figure 6 left): the same convs,
     * batch norms and strides, without the shortcuts. The lesson on residual learning trains both.
     */
    static Graph plain20() {
        return cifarPlain(3);
    }

    /** The plain 6n + 2 layer counterpart of {@link #cifarResnet}: the same layers without the shortcuts. */
    static Graph cifarPlain(int n) {
        SubgraphBuilder b = new SubgraphBuilder();
        String x = b.input(3, 32, 32);
        x = b.relu("relu1", b.bn("bn1", b.conv("conv1", x, 16, 3, 1, 1, 1, false)));
        int[] widths = {16, 32, 64};
        for (int stage = 0; stage < 3; stage++) {
            for (int i = 0; i < n; i++) {
                String p = "stage" + (stage + 1) + "_" + i + "_";
                int stride = stage > 0 && i == 0 ? 2 : 1;
                x = b.relu(p + "relu1", b.bn(p + "bn1", b.convNoBias(p + "conv1", x, widths[stage], 3, stride)));
                x = b.relu(p + "relu2", b.bn(p + "bn2", b.convNoBias(p + "conv2", x, widths[stage], 3, 1)));
            }
        }
        return ImageNetTemplates.finish(b, b.fc("fc", b.gap("avgpool", x), 10, true));
    }

    /** DenseNet-BC for CIFAR (Huang et al. 2017): L = 40, k = 12, θ = 0.5, three blocks of 6 bottleneck layers. */
    static Graph densenetBc40() {
        SubgraphBuilder b = new SubgraphBuilder();
        String x = b.input(3, 32, 32);
        x = b.conv("conv0", x, 24, 3, 1, 1, 1, false);
        for (int i = 1; i <= 3; i++) {
            x = b.add("dense" + i, NamedBlock.DENSE_BLOCK, Params.of("layers", 6, "growth", 12, "bottleneck", true), x);
            if (i < 3) {
                x = b.add("transition" + i, NamedBlock.TRANSITION, Params.of("compression", 0.5), x);
            }
        }
        x = b.relu("relu", b.bn("bn", x));
        return ImageNetTemplates.finish(b, b.fc("fc", b.gap("avgpool", x), 10, true));
    }

    static Graph miniVgg() {
        SubgraphBuilder b = new SubgraphBuilder();
        String x = b.input(3, 32, 32);
        x = b.add("stage1", NamedBlock.VGG_STAGE, Params.of("convs", 2, "filters", 32, "batchNorm", true), x);
        x = b.add("stage2", NamedBlock.VGG_STAGE, Params.of("convs", 2, "filters", 64, "batchNorm", true), x);
        x = b.add("stage3", NamedBlock.VGG_STAGE, Params.of("convs", 2, "filters", 128, "batchNorm", true), x);
        x = b.add("flatten", Primitive.FLATTEN, Params.EMPTY, x);
        x = b.dropout("dropout", b.relu("fc1_relu", b.fc("fc1", x, 128, true)), 0.5);
        return ImageNetTemplates.finish(b, b.fc("fc2", x, 10, true));
    }

    static Graph miniInception() {
        SubgraphBuilder b = new SubgraphBuilder();
        String x = b.input(3, 32, 32);
        x = b.relu("stem_relu", b.bn("stem_bn", b.conv("stem", x, 32, 3, 1, 1, 1, false)));
        x = b.add(
                "inception1",
                NamedBlock.INCEPTION,
                Params.of("c1", 16, "c3reduce", 16, "c3", 32, "c5reduce", 8, "c5", 8, "poolProj", 8),
                x);
        x = b.maxPool("pool1", x, 3, 2, 1, false);
        x = b.add(
                "inception2",
                NamedBlock.INCEPTION,
                Params.of("c1", 32, "c3reduce", 24, "c3", 48, "c5reduce", 8, "c5", 24, "poolProj", 24),
                x);
        x = b.maxPool("pool2", x, 3, 2, 1, false);
        x = b.add(
                "inception3",
                NamedBlock.INCEPTION,
                Params.of("c1", 48, "c3reduce", 32, "c3", 64, "c5reduce", 12, "c5", 24, "poolProj", 24),
                x);
        return ImageNetTemplates.finish(b, b.fc("fc", b.gap("avgpool", x), 10, true));
    }

    /** MobileNet v1 in miniature (Howard et al. 2017): a stem conv, then depthwise-separable convs. */
    static Graph mobilenetMini() {
        SubgraphBuilder b = new SubgraphBuilder();
        String x = b.input(3, 32, 32);
        x = b.relu("stem_relu", b.bn("stem_bn", b.conv("stem", x, 32, 3, 1, 1, 1, false)));
        int[][] layers = {{64, 1}, {128, 2}, {128, 1}, {256, 2}, {256, 1}};
        for (int i = 0; i < layers.length; i++) {
            x = b.add(
                    "sep" + (i + 1),
                    NamedBlock.SEPARABLE_CONV,
                    Params.of("filters", layers[i][0], "stride", layers[i][1]),
                    x);
        }
        return ImageNetTemplates.finish(b, b.fc("fc", b.gap("avgpool", x), 10, true));
    }
}
