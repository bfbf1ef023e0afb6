package org.blockscope.cost;

import static org.assertj.core.api.Assertions.assertThat;

import org.blockscope.analysis.NetworkAnalysis;
import org.blockscope.analysis.NodeStats;
import org.blockscope.block.KindConverter;
import org.blockscope.block.NamedBlock;
import org.blockscope.block.SubgraphBuilder;
import org.blockscope.graph.Shape;
import org.blockscope.kind.BlockKind;
import org.blockscope.kind.Params;
import org.blockscope.primitive.Primitive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.converter.ConvertWith;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Cost of each block kind against the closed forms of its paper, written out in the test.
 * Conventions (Cost's Javadoc): params include biases and BN γ/β; BN running mean and variance are
 * state; MACs count conv and FC multiply-accumulates. Some rows also match a published per-layer
 * count (torchinfo's summary of the torchvision model), noted beside them.
 */
class BlockCostTest {

    /** Input c×h×w → the block → (GAP → FC → Classifier), analysed without diagnostics. */
    static NetworkAnalysis analyse(BlockKind kind, Params params, int c, int h, int w) {
        SubgraphBuilder b = new SubgraphBuilder();
        String x = b.input(c, h, w);
        String y = b.add("block", kind, params, x);
        if (kind == NamedBlock.AUX_CLASSIFIER) {
            y = x;
        }
        b.classifier("softmax", b.fc("fc", b.gap("gap", y), 10, true));
        NetworkAnalysis a = NetworkAnalysis.of(b.graph());
        assertThat(a.diagnostics()).isEmpty();
        return a;
    }

    static NodeStats block(BlockKind kind, Params params, int c, int h, int w) {
        return analyse(kind, params, c, h, w).node("block").orElseThrow();
    }

    /** Output size of a k×k conv with 'same' padding d(k−1)/2, odd k: ceil(in / s). */
    static int same(int in, int s) {
        return (in + s - 1) / s;
    }

    @ParameterizedTest(name = "conv {0}×{1}×{2} → {3}, k={4} s={5} g={6} bias={7}")
    @CsvSource(textBlock = """
            # Cin, H,   W,   Cout, k, s, g,  bias
            3,     224, 224, 64,   7, 2, 1,  false
            # VGG conv1_1: 1,792 params
            3,     224, 224, 64,   3, 1, 1,  true
            64,    56,  56,  64,   3, 1, 1,  false
            64,    56,  56,  128,  1, 2, 1,  false
            # ResNeXt grouped 3×3: 32 groups of 4 channels
            128,   56,  56,  128,  3, 1, 32, false
            256,   28,  28,  256,  3, 2, 32, true
            16,    32,  20,  32,   5, 1, 4,  true
            """)
    void convCostIsKSquaredTimesCinOverGroupsPerFilter(
            int cin, int h, int w, int cout, int k, int s, int g, boolean bias) {
        NodeStats n = block(
                Primitive.CONV2D,
                Params.of("filters", cout, "kernel", k, "stride", s, "groups", g, "bias", bias),
                cin,
                h,
                w);
        long ho = same(h, s);
        long wo = same(w, s);

        // params = k²·Cin/g·Cout + Cout; MACs = H·W·Cout·k²·Cin/g
        assertThat(n.cost().params()).isEqualTo((long) k * k * (cin / g) * cout + (bias ? cout : 0));
        assertThat(n.cost().macs()).isEqualTo(ho * wo * cout * k * k * (cin / g));
        assertThat(n.cost().state()).isZero();
        assertThat(n.cost().flops()).isEqualTo(2 * n.cost().macs());
        assertThat(n.output()).isEqualTo(Shape.map(cout, (int) ho, (int) wo));
    }

    @ParameterizedTest(name = "depthwise {0}×{1}×{1} ×{4} k={2} s={3}")
    @CsvSource(textBlock = """
            32,  112, 3, 1, 1
            96,  112, 3, 2, 1
            16,  15,  5, 2, 4
            """)
    void depthwiseCostIsOneKByKFilterPerOutputChannel(int c, int h, int k, int s, int m) {
        NodeStats n = block(Primitive.DEPTHWISE_CONV2D, Params.of("kernel", k, "stride", s, "multiplier", m), c, h, h);
        long ho = same(h, s);

        assertThat(n.cost().params()).isEqualTo((long) c * m * k * k);
        assertThat(n.cost().macs()).isEqualTo(ho * ho * c * m * k * k);
    }

    @ParameterizedTest(name = "separable {0}×{1}×{1} → {2}, k={3} s={4}")
    @CsvSource(textBlock = """
            # MobileNet v1 'conv dw 3×3×32 + conv 1×1×32×64' on 112×112: 29,302,784 MACs
            32,  112, 64,  3, 1
            64,  112, 128, 3, 2
            512, 14,  512, 3, 1
            24,  9,   40,  5, 2
            """)
    void separableConvMacsAreMobileNetEquation5(int cin, int h, int cout, int k, int s) {
        NodeStats n = block(NamedBlock.SEPARABLE_CONV, Params.of("filters", cout, "kernel", k, "stride", s), cin, h, h);
        long d = same(h, s); // D_F of the paper is the output size: the stride is in the depthwise conv

        // D_K·D_K·M·D_F·D_F + M·N·D_F·D_F = H·W·Cin·(k² + Cout)   (Howard et al. 2017, eq. 5)
        assertThat(n.cost().macs()).isEqualTo(d * d * cin * ((long) k * k + cout));
        // depthwise and pointwise weights (no biases), a BN after each
        assertThat(n.cost().params()).isEqualTo((long) cin * k * k + (long) cin * cout + 2L * cin + 2L * cout);
        assertThat(n.cost().state()).isEqualTo(2L * cin + 2L * cout);
        assertThat(n.output()).isEqualTo(Shape.map(cout, (int) d, (int) d));
    }

    @ParameterizedTest(name = "BN on {0} channels")
    @CsvSource(textBlock = """
            1
            64
            2048
            """)
    void batchNormTrainsGammaAndBetaAndKeepsRunningStatsAsState(int c) {
        NodeStats n = block(Primitive.BATCH_NORM, Params.EMPTY, c, 7, 7);

        assertThat(n.cost().params()).isEqualTo(2L * c);
        assertThat(n.cost().state()).isEqualTo(2L * c);
        assertThat(n.cost().macs()).isZero();
    }

    @ParameterizedTest(name = "SE C={0} r={1}")
    @CsvSource(textBlock = """
            64,   16
            256,  16
            2048, 16
            96,   4
            """)
    void seParamsAreTwoCSquaredOverRPlusBiases(int c, int r) {
        NodeStats n = block(NamedBlock.SE, Params.of("ratio", r), c, 8, 8);

        // FC C→C/r and FC C/r→C with biases: 2·C²/r + C/r + C   (Hu et al. 2018, section 3)
        assertThat(n.cost().params()).isEqualTo(2L * c * c / r + c / r + c);
        assertThat(n.cost().macs()).isEqualTo(2L * c * c / r);
        assertThat(n.output()).isEqualTo(Shape.map(c, 8, 8));
    }

    @ParameterizedTest(name = "dense block k0={0} L={1} k={2} bottleneck={3}")
    @CsvSource(textBlock = """
            # DenseNet-121 block 1 on 56×56
            64,  6,  32, true,  56
            # DenseNet-BC (L=40) block 1 on 32×32
            24,  6,  12, true,  32
            # DenseNet (L=40) without bottleneck
            16,  12, 12, false, 32
            3,   1,  1,  false, 4
            """)
    void denseBlockParamsSumOverTheLayers(int k0, int layers, int k, boolean bottleneck, int h) {
        NodeStats n = block(
                NamedBlock.DENSE_BLOCK,
                Params.of("layers", layers, "growth", k, "bottleneck", bottleneck, "bnSize", 4),
                k0,
                h,
                h);
        long params = 0;
        long macs = 0;
        for (int l = 1; l <= layers; l++) {
            long in = k0 + (long) k * (l - 1); // layer l sees the block input and l−1 earlier outputs
            if (bottleneck) {
                long mid = 4L * k;
                params += 2 * in + in * mid + 2 * mid + 9 * mid * k; // BN, 1×1 conv, BN, 3×3 conv
                macs += (long) h * h * (in * mid + 9 * mid * k);
            } else {
                params += 2 * in + 9 * in * k; // BN, 3×3 conv
                macs += (long) h * h * 9 * in * k;
            }
        }

        assertThat(n.cost().params()).isEqualTo(params);
        assertThat(n.cost().macs()).isEqualTo(macs);
        assertThat(n.output()).isEqualTo(Shape.map(k0 + layers * k, h, h));
    }

    @ParameterizedTest(name = "transition C={0} θ={2} on {1}×{1}")
    @CsvSource(textBlock = """
            256,  56, 0.5
            1024, 14, 0.5
            150,  32, 0.5
            101,  9,  0.3
            """)
    void transitionCompressesChannelsThenHalvesTheSize(int c, int h, double theta) {
        NodeStats n = block(NamedBlock.TRANSITION, Params.of("compression", theta), c, h, h);
        int out = (int) Math.floor(theta * c);

        assertThat(n.cost().params()).isEqualTo(2L * c + (long) c * out); // BN, 1×1 conv without bias
        assertThat(n.cost().macs()).isEqualTo((long) h * h * c * out);
        assertThat(n.output()).isEqualTo(Shape.map(out, h / 2, h / 2));
    }

    @ParameterizedTest(name = "inception Cin={0} ({1},{2},{3},{4},{5},{6}) k5={7} bn={8}")
    @CsvSource(textBlock = """
            # GoogLeNet 3a and 4e as torchvision builds them, and 3a as in the paper (5×5, bias)
            192, 64,  96,  128, 16, 32,  32,  3, true
            528, 256, 160, 320, 32, 128, 128, 3, true
            192, 64,  96,  128, 16, 32,  32,  5, false
            64,  0,   32,  48,  8,  16,  16,  5, true
            """)
    void inceptionParamsAreTheSumOfItsFourBranches(
            int cin, int c1, int c3r, int c3, int c5r, int c5, int pp, int k5, boolean bn) {
        NodeStats n = block(
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
                        pp,
                        "c5kernel",
                        k5,
                        "batchNorm",
                        bn),
                cin,
                14,
                14);
        long b1 = c1 == 0 ? 0 : conv(cin, c1, 1, bn);
        long b2 = conv(cin, c3r, 1, bn) + conv(c3r, c3, 3, bn);
        long b3 = conv(cin, c5r, 1, bn) + conv(c5r, c5, k5, bn);
        long b4 = conv(cin, pp, 1, bn);
        long weights = (long) cin * c1
                + (long) cin * c3r
                + 9L * c3r * c3
                + (long) cin * c5r
                + (long) k5 * k5 * c5r * c5
                + (long) cin * pp;

        assertThat(n.cost().params()).isEqualTo(b1 + b2 + b3 + b4);
        assertThat(n.cost().macs()).isEqualTo(14L * 14 * weights); // every conv keeps the 14×14 size
        assertThat(n.output()).isEqualTo(Shape.map(c1 + c3 + c5 + pp, 14, 14));
    }

    /** Weights of a k×k conv plus BN γ/β (bn) or a bias (no bn). */
    private static long conv(long cin, long cout, long k, boolean bn) {
        return k * k * cin * cout + (bn ? 2 * cout : cout);
    }

    @ParameterizedTest(name = "{0} Cin={1} F={2} s={3} on {4}×{4}, projection={5}")
    @CsvSource(textBlock = """
            # ResNet-18 layer1.0: 73,984 params
            basic,      64,   64,  1, 56, false
            # ResNet-18 layer2.0: 230,144 params
            basic,      64,   128, 2, 56, true
            basic,      16,   32,  2, 32, true
            # ResNet-50 layer1.0: 75,008 params
            bottleneck, 64,   64,  1, 56, true
            bottleneck, 256,  64,  1, 56, false
            # ResNet-50 layer2.0: 379,392 params
            bottleneck, 256,  128, 2, 56, true
            """)
    void residualBlockParamsAndMacs(String variant, int cin, int f, int s, int h, boolean projection) {
        NetworkAnalysis a =
                analyse(NamedBlock.RESIDUAL, Params.of("variant", variant, "filters", f, "stride", s), cin, h, h);
        NodeStats n = a.node("block").orElseThrow();
        long ho = same(h, s);
        long params;
        long macs;
        long bnChannels;
        int out;
        if (variant.equals("basic")) {
            out = f;
            params = 9L * cin * f + 9L * f * f;
            macs = ho * ho * (9L * cin * f + 9L * f * f);
            bnChannels = 2L * f;
        } else {
            out = 4 * f;
            params = (long) cin * f + 9L * f * f + 4L * f * f;
            macs = (long) h * h * cin * f + ho * ho * (9L * f * f + 4L * f * f); // the stride is in the 3×3
            bnChannels = f + f + 4L * f;
        }
        if (projection) {
            params += (long) cin * out;
            macs += ho * ho * cin * out;
            bnChannels += out;
        }
        params += 2 * bnChannels;

        assertThat(n.cost().params()).isEqualTo(params);
        assertThat(n.cost().macs()).isEqualTo(macs);
        assertThat(n.cost().state()).isEqualTo(2 * bnChannels);
        assertThat(a.primitive("block/shortcut_conv").isPresent()).isEqualTo(projection);
        assertThat(n.output()).isEqualTo(Shape.map(out, (int) ho, (int) ho));
    }

    @ParameterizedTest(name = "ResNeXt Cin={0} F={1} {2}×{3}d s={4}")
    @CsvSource(textBlock = """
            # ResNeXt-50 32×4d layer1.0: 63,488 params
            64,   64,  32, 4, 1, 56
            256,  64,  32, 4, 1, 56
            256,  128, 32, 4, 2, 56
            64,   64,  8,  8, 1, 16
            """)
    void resnextParamsUseGroupedThreeByThree(int cin, int f, int card, int baseWidth, int s, int h) {
        NetworkAnalysis a = analyse(
                NamedBlock.RESNEXT,
                Params.of("filters", f, "cardinality", card, "baseWidth", baseWidth, "stride", s),
                cin,
                h,
                h);
        NodeStats n = a.node("block").orElseThrow();
        long width = (long) (f * baseWidth / 64) * card; // torchvision: int(planes·baseWidth/64)·groups
        long out = 4L * f;
        long ho = same(h, s);
        boolean projection = s != 1 || cin != out;
        long params = cin * width
                + 2 * width // 1×1 reduce + BN
                + 9 * width * (width / card)
                + 2 * width // grouped 3×3: each filter sees width/card channels
                + width * out
                + 2 * out // 1×1 expand + BN
                + (projection ? cin * out + 2 * out : 0);
        long macs = (long) h * h * cin * width
                + ho * ho * (9 * width * (width / card) + width * out)
                + (projection ? ho * ho * cin * out : 0);

        assertThat(n.cost().params()).isEqualTo(params);
        assertThat(n.cost().macs()).isEqualTo(macs);
    }

    @ParameterizedTest(name = "ShuffleNet unit Cin={0} → {1}, g={2} s={3}")
    @CsvSource(textBlock = """
            # Cin, filters, g, stride, H,  bottleneck (¼ of the branch output)
            240,   240,     3, 1,      28, 60
            240,   480,     3, 2,      28, 60
            200,   200,     2, 1,      14, 50
            24,    240,     3, 2,      56, 54
            """)
    void shuffleUnitCostsGroupedPointwiseAndDepthwise(int cin, int filters, int g, int s, int h, int mid) {
        NetworkAnalysis a =
                analyse(NamedBlock.SHUFFLE_UNIT, Params.of("filters", filters, "groups", g, "stride", s), cin, h, h);
        NodeStats n = a.node("block").orElseThrow();
        long branch = s == 1 ? filters : filters - cin; // stride 2 concatenates the pooled input
        long ho = same(h, s);
        long params = (long) cin / g * mid
                + 2L * mid // grouped 1×1 + BN
                + 9L * mid
                + 2L * mid // depthwise 3×3 + BN
                + (long) mid / g * branch
                + 2 * branch; // grouped 1×1 + BN
        long macs = (long) h * h * cin / g * mid + ho * ho * (9L * mid + (long) mid / g * branch);

        assertThat(n.cost().params()).isEqualTo(params);
        assertThat(n.cost().macs()).isEqualTo(macs);
        assertThat(n.output()).isEqualTo(Shape.map(filters, (int) ho, (int) ho));
        assertThat(a.primitive("block/add").isPresent()).isEqualTo(s == 1);
        assertThat(a.primitive("block/concat").isPresent()).isEqualTo(s == 2);
    }

    @ParameterizedTest(name = "MBConv Cin={0} → {1} t={2} k={3} s={4}")
    @CsvSource(textBlock = """
            # MobileNetV2 features.1 (t=1, 32 → 16): 896 params
            32,  16,  1, 3, 1, 112
            # MobileNetV2 features.2 (t=6, 16 → 24, s=2): 5,136 params
            16,  24,  6, 3, 2, 112
            # MobileNetV2 features.3 (t=6, 24 → 24): 8,832 params, with skip
            24,  24,  6, 3, 1, 56
            24,  24,  6, 3, 2, 56
            40,  40,  6, 5, 1, 28
            40,  80,  6, 3, 1, 28
            """)
    void mbconvCostsAndSkipOnlyWhenStrideOneAndSameChannels(int cin, int out, int t, int k, int s, int h) {
        NetworkAnalysis a = analyse(
                NamedBlock.MBCONV, Params.of("filters", out, "expansion", t, "kernel", k, "stride", s), cin, h, h);
        NodeStats n = a.node("block").orElseThrow();
        long hidden = (long) cin * t;
        long ho = same(h, s);
        long params = (t == 1 ? 0 : cin * hidden + 2 * hidden) // 1×1 expansion + BN
                + (long) k * k * hidden
                + 2 * hidden // depthwise + BN
                + hidden * out
                + 2L * out; // linear 1×1 projection + BN
        long macs = (t == 1 ? 0 : (long) h * h * cin * hidden) + ho * ho * ((long) k * k * hidden + hidden * out);

        assertThat(n.cost().params()).isEqualTo(params);
        assertThat(n.cost().macs()).isEqualTo(macs);
        assertThat(a.primitive("block/add").isPresent()).isEqualTo(s == 1 && cin == out);
        assertThat(n.output()).isEqualTo(Shape.map(out, (int) ho, (int) ho));
    }

    @ParameterizedTest(name = "VGG stage Cin={0} {2}×conv{1} on {3}×{3}")
    @CsvSource(textBlock = """
            # VGG-16 block 1: 38,720 params; block 5: 7,079,424
            3,   64,  2, 224
            512, 512, 3, 14
            64,  128, 2, 112
            """)
    void vggStageIsNConvsWithBiasThenAPool(int cin, int f, int convs, int h) {
        NodeStats n = block(NamedBlock.VGG_STAGE, Params.of("convs", convs, "filters", f), cin, h, h);

        assertThat(n.cost().params()).isEqualTo(9L * cin * f + f + (convs - 1) * (9L * f * f + f));
        assertThat(n.cost().macs()).isEqualTo((long) h * h * (9L * cin * f + (convs - 1) * 9L * f * f));
        assertThat(n.output()).isEqualTo(Shape.map(f, h / 2, h / 2));
    }

    @ParameterizedTest(name = "{0} {1} on {2}: {3} params")
    @CsvSource(delimiter = '|', textBlock = """
            # per-block parameter counts torchinfo reports for the torchvision models
            RESIDUAL   | variant=basic,filters=64,stride=1           | 64x56x56  | 73984
            RESIDUAL   | variant=basic,filters=128,stride=2          | 64x56x56  | 230144
            RESIDUAL   | variant=bottleneck,filters=64,stride=1      | 64x56x56  | 75008
            RESIDUAL   | variant=bottleneck,filters=128,stride=2     | 256x56x56 | 379392
            RESNEXT    | filters=64,cardinality=32,baseWidth=4       | 64x56x56  | 63488
            MBCONV     | filters=16,expansion=1,stride=1             | 32x112x112| 896
            MBCONV     | filters=24,expansion=6,stride=2             | 16x112x112| 5136
            MBCONV     | filters=24,expansion=6,stride=1             | 24x56x56  | 8832
            VGG_STAGE  | convs=2,filters=64                          | 3x224x224 | 38720
            VGG_STAGE  | convs=3,filters=512                         | 512x14x14 | 7079424
            """)
    void publishedPerBlockParameterCounts(
            @ConvertWith(KindConverter.class) BlockKind kind, String params, String input, long expected) {
        java.util.Map<String, Object> map = new java.util.LinkedHashMap<>();
        for (String kv : params.split(",")) {
            String[] p = kv.split("=");
            map.put(p[0], p[1].matches("\\d+") ? (Object) Integer.parseInt(p[1]) : p[1]);
        }
        Shape in = Shape.parse(input);

        assertThat(block(kind, Params.of(map), in.channels(), in.height(), in.width())
                        .cost()
                        .params())
                .isEqualTo(expected);
    }

    @Test
    void auxClassifierIsPoolConvAndTwoFullyConnectedLayers() {
        // torchvision InceptionAux on 512×14×14: 5×5/3 pool → 512×4×4, 1×1 conv 128 + BN, FC 2048→1024, FC 1024→1000
        NodeStats n = block(NamedBlock.AUX_CLASSIFIER, Params.of("classes", 1000), 512, 14, 14);

        assertThat(n.cost().params()).isEqualTo(512L * 128 + 2 * 128 + 2048L * 1024 + 1024 + 1024L * 1000 + 1000);
        assertThat(n.cost().macs()).isEqualTo(4L * 4 * 512 * 128 + 2048L * 1024 + 1024L * 1000);
    }

    @Test
    void activationMemoryIsOutputElementsTimesFourBytes() {
        SubgraphBuilder b = new SubgraphBuilder();
        String x = b.input(3, 8, 8); // 3·8·8 = 192
        x = b.conv("conv", x, 4, 3, 1, 1, 1, true); // 4·8·8 = 256
        x = b.relu("relu", x); // 256
        x = b.maxPool("pool", x, 2, 2, 0, false); // 4·4·4 = 64
        x = b.gap("gap", x); // 4
        b.classifier("softmax", b.fc("fc", x, 2, true)); // 2, 2
        NetworkAnalysis a = NetworkAnalysis.of(b.graph());

        assertThat(a.diagnostics()).isEmpty();
        assertThat(a.total().memoryBytes()).isEqualTo((192 + 256 + 256 + 64 + 4 + 2 + 2) * 4L);
        assertThat(a.node("pool").orElseThrow().cost().memoryBytes()).isEqualTo(64 * 4L);
        // conv 4·(3·9) + 4 and FC 4·2 + 2; MACs 8·8·4·27 + 4·2
        assertThat(a.total().params()).isEqualTo(4 * 27 + 4 + 4 * 2 + 2);
        assertThat(a.total().macs()).isEqualTo(8 * 8 * 4 * 27 + 4 * 2);
    }
}
