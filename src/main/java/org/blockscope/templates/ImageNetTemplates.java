package org.blockscope.templates;

import org.blockscope.block.NamedBlock;
import org.blockscope.block.SubgraphBuilder;
import org.blockscope.graph.Graph;
import org.blockscope.kind.Params;
import org.blockscope.primitive.Primitive;

/**
 * The famous ImageNet architectures (3×224×224 in, 1000 classes), layer for layer as torchvision
 * builds them so that parameter and MAC counts match torchvision exactly.
 */
final class ImageNetTemplates {

    private ImageNetTemplates() {}

    static Graph vgg16() {
        SubgraphBuilder b = new SubgraphBuilder();
        String x = b.input(3, 224, 224);
        int[][] stages = {{2, 64}, {2, 128}, {3, 256}, {3, 512}, {3, 512}};
        for (int i = 0; i < stages.length; i++) {
            x = b.add(
                    "stage" + (i + 1),
                    NamedBlock.VGG_STAGE,
                    Params.of("convs", stages[i][0], "filters", stages[i][1]),
                    x);
        }
        x = b.add("flatten", Primitive.FLATTEN, Params.EMPTY, x);
        x = b.dropout("drop6", b.relu("relu6", b.fc("fc6", x, 4096, true)), 0.5);
        x = b.dropout("drop7", b.relu("relu7", b.fc("fc7", x, 4096, true)), 0.5);
        return finish(b, b.fc("fc8", x, 1000, true));
    }

    static Graph googlenet(boolean aux) {
        SubgraphBuilder b = new SubgraphBuilder();
        String x = b.input(3, 224, 224);
        x = basicConv(b, "conv1", x, 64, 7, 2, 3);
        x = b.maxPool("pool1", x, 3, 2, 0, true);
        x = basicConv(b, "conv2", x, 64, 1, 1, 0);
        x = basicConv(b, "conv3", x, 192, 3, 1, 1);
        x = b.maxPool("pool2", x, 3, 2, 0, true);
        x = inception(b, "inception3a", x, 64, 96, 128, 16, 32, 32);
        x = inception(b, "inception3b", x, 128, 128, 192, 32, 96, 64);
        x = b.maxPool("pool3", x, 3, 2, 0, true);
        x = inception(b, "inception4a", x, 192, 96, 208, 16, 48, 64);
        if (aux) {
            b.add("aux1", NamedBlock.AUX_CLASSIFIER, Params.of("classes", 1000), x);
        }
        x = inception(b, "inception4b", x, 160, 112, 224, 24, 64, 64);
        x = inception(b, "inception4c", x, 128, 128, 256, 24, 64, 64);
        x = inception(b, "inception4d", x, 112, 144, 288, 32, 64, 64);
        if (aux) {
            b.add("aux2", NamedBlock.AUX_CLASSIFIER, Params.of("classes", 1000), x);
        }
        x = inception(b, "inception4e", x, 256, 160, 320, 32, 128, 128);
        x = b.maxPool("pool4", x, 2, 2, 0, true);
        x = inception(b, "inception5a", x, 256, 160, 320, 32, 128, 128);
        x = inception(b, "inception5b", x, 384, 192, 384, 48, 128, 128);
        x = b.dropout("dropout", b.gap("avgpool", x), 0.2);
        return finish(b, b.fc("fc", x, 1000, true));
    }

    private static String basicConv(SubgraphBuilder b, String name, String in, int filters, int k, int s, int pad) {
        return b.relu(name + "_relu", b.bn(name + "_bn", b.conv(name, in, filters, k, s, pad, 1, false), 1e-3));
    }

    /** torchvision's Inception uses a 3×3 kernel in the "5×5" branch (a known, kept bug). */
    private static String inception(
            SubgraphBuilder b, String name, String in, int c1, int c3r, int c3, int c5r, int c5, int pool) {
        return b.add(
                name,
                NamedBlock.INCEPTION,
                Params.of(
                        "c1",
                        c1,
                        "c3reduce",
                        c3r,
                        "c3",
                        c3,
                        "c5reduce",
                        c5r,
                        "c5",
                        c5,
                        "poolProj",
                        pool,
                        "c5kernel",
                        3),
                in);
    }

    static Graph resnet(String variant, int[] blocks, boolean se) {
        SubgraphBuilder b = new SubgraphBuilder();
        String x = b.input(3, 224, 224);
        x = b.relu("relu1", b.bn("bn1", b.conv("conv1", x, 64, 7, 2, 3, 1, false)));
        x = b.maxPool("maxpool", x, 3, 2, 1, false);
        int[] widths = {64, 128, 256, 512};
        for (int stage = 0; stage < 4; stage++) {
            for (int i = 0; i < blocks[stage]; i++) {
                int stride = stage > 0 && i == 0 ? 2 : 1;
                x = b.add(
                        "layer" + (stage + 1) + "_" + i,
                        NamedBlock.RESIDUAL,
                        Params.of(
                                "variant",
                                variant,
                                "filters",
                                widths[stage],
                                "stride",
                                stride,
                                "se",
                                se,
                                "seRatio",
                                16),
                        x);
            }
        }
        return finish(b, b.fc("fc", b.gap("avgpool", x), 1000, true));
    }

    static Graph resnext50() {
        SubgraphBuilder b = new SubgraphBuilder();
        String x = b.input(3, 224, 224);
        x = b.relu("relu1", b.bn("bn1", b.conv("conv1", x, 64, 7, 2, 3, 1, false)));
        x = b.maxPool("maxpool", x, 3, 2, 1, false);
        int[] blocks = {3, 4, 6, 3};
        int[] widths = {64, 128, 256, 512};
        for (int stage = 0; stage < 4; stage++) {
            for (int i = 0; i < blocks[stage]; i++) {
                int stride = stage > 0 && i == 0 ? 2 : 1;
                x = b.add(
                        "layer" + (stage + 1) + "_" + i,
                        NamedBlock.RESNEXT,
                        Params.of("filters", widths[stage], "cardinality", 32, "baseWidth", 4, "stride", stride),
                        x);
            }
        }
        return finish(b, b.fc("fc", b.gap("avgpool", x), 1000, true));
    }

    static Graph densenet(int[] blocks) {
        SubgraphBuilder b = new SubgraphBuilder();
        String x = b.input(3, 224, 224);
        x = b.relu("relu0", b.bn("norm0", b.conv("conv0", x, 64, 7, 2, 3, 1, false)));
        x = b.maxPool("pool0", x, 3, 2, 1, false);
        for (int i = 0; i < blocks.length; i++) {
            x = b.add(
                    "denseblock" + (i + 1),
                    NamedBlock.DENSE_BLOCK,
                    Params.of("layers", blocks[i], "growth", 32, "bottleneck", true, "bnSize", 4),
                    x);
            if (i < blocks.length - 1) {
                x = b.add("transition" + (i + 1), NamedBlock.TRANSITION, Params.of("compression", 0.5), x);
            }
        }
        x = b.relu("relu5", b.bn("norm5", x));
        return finish(b, b.fc("classifier", b.gap("avgpool", x), 1000, true));
    }

    static Graph mobilenetV2() {
        SubgraphBuilder b = new SubgraphBuilder();
        String x = b.input(3, 224, 224);
        x = b.act("stem_relu6", b.bn("stem_bn", b.conv("stem", x, 32, 3, 2, 1, 1, false)), "relu6");
        // t, c, n, s   (Sandler et al. 2018, table 2)
        int[][] settings = {
            {1, 16, 1, 1}, {6, 24, 2, 2}, {6, 32, 3, 2}, {6, 64, 4, 2}, {6, 96, 3, 1}, {6, 160, 3, 2}, {6, 320, 1, 1}
        };
        int block = 1;
        for (int[] s : settings) {
            for (int i = 0; i < s[2]; i++) {
                x = b.add(
                        "block" + block++,
                        NamedBlock.MBCONV,
                        Params.of("expansion", s[0], "filters", s[1], "stride", i == 0 ? s[3] : 1),
                        x);
            }
        }
        x = b.act("head_relu6", b.bn("head_bn", b.conv("head", x, 1280, 1, 1, 0, 1, false)), "relu6");
        x = b.dropout("dropout", b.gap("avgpool", x), 0.2);
        return finish(b, b.fc("classifier", x, 1000, true));
    }

    static Graph finish(SubgraphBuilder b, String logits) {
        b.classifier("softmax", logits);
        return b.graph();
    }
}
