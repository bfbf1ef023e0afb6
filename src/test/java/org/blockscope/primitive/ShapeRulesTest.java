package org.blockscope.primitive;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.blockscope.block.KindConverter;
import org.blockscope.graph.Node;
import org.blockscope.graph.Shape;
import org.blockscope.kind.BlockKind;
import org.blockscope.kind.Params;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.converter.ConvertWith;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Output shapes of the primitives. Every expected value was worked out by hand from
 * out = floor((in + 2p − d(k−1) − 1) / s) + 1 (PyTorch Conv2d docs) and, for pools,
 * out = floor-or-ceil((in + 2p − k) / s) + 1, minus one in ceil mode when the last window would
 * start beyond the input and the left padding, (out − 1)·s ≥ in + p (PyTorch MaxPool2d docs /
 * pooling_output_shape).
 */
class ShapeRulesTest {

    /** {@code filters=64;kernel=3} over the kind's defaults. */
    static Params params(BlockKind kind, String text) {
        Map<String, Object> map = new LinkedHashMap<>();
        if (text != null && !text.isBlank()) {
            for (String kv : text.split(";")) {
                String[] parts = kv.split("=");
                String v = parts[1].trim();
                Object value = v.equals("true") || v.equals("false")
                        ? (Object) Boolean.parseBoolean(v)
                        : v.matches("-?\\d+")
                                ? (Object) Integer.parseInt(v)
                                : v.matches("-?\\d*\\.\\d+") ? (Object) Double.parseDouble(v) : v;
                map.put(parts[0].trim(), value);
            }
        }
        return Node.of("n", kind, Params.of(map)).params();
    }

    static List<Shape> shapes(String text) {
        return Arrays.stream(text.split("\\|")).map(Shape::parse).toList();
    }

    static ShapeResult infer(BlockKind kind, String params, String inputs) {
        return ((Primitive) kind).rule().shape(params(kind, params), shapes(inputs));
    }

    @ParameterizedTest(name = "conv {1}×{2} k={3} s={4} {5} p={6} d={7} -> {8}×{9}")
    @CsvSource(textBlock = """
            # case,                       H,   W,   k, s, padding,  pad, d, outH, outW
            same keeps size,              32,  32,  3, 1, same,     0,   1, 32,   32
            same keeps 5x5 size,          28,  20,  5, 1, same,     0,   1, 28,   20
            valid shrinks by k-1,         32,  32,  3, 1, valid,    0,   1, 30,   30
            valid 5x5 non-square,         32,  16,  5, 1, valid,    0,   1, 28,   12
            explicit pad 1 on 5x5,        32,  32,  5, 1, explicit, 1,   1, 30,   30
            resnet stem 7x7 s2 p3,        224, 224, 7, 2, explicit, 3,   1, 112,  112
            same s2 halves even,          56,  56,  3, 2, same,     0,   1, 28,   28
            same s2 rounds odd up,        7,   7,   3, 2, same,     0,   1, 4,    4
            valid s2 rounds down,         7,   7,   3, 2, valid,    0,   1, 3,    3
            1x1 s2 projection,            56,  56,  1, 2, explicit, 0,   1, 28,   28
            dilation 2 same keeps size,   32,  32,  3, 1, same,     0,   2, 32,   32
            dilation 2 valid loses 4,     32,  32,  3, 1, valid,    0,   2, 28,   28
            dilation 2 explicit pad 1,    32,  32,  3, 1, explicit, 1,   2, 30,   30
            even k2 s2 valid,             32,  32,  2, 2, valid,    0,   1, 16,   16
            even k4 s2 pad 1 (DCGAN),     32,  32,  4, 2, explicit, 1,   1, 16,   16
            even k4 same pads floor(3/2), 32,  32,  4, 1, same,     0,   1, 31,   31
            kernel equals input,          5,   5,   5, 1, valid,    0,   1, 1,    1
            """)
    void convOutputSizeFollowsThePyTorchFormula(
            String name, int h, int w, int k, int s, String padding, int pad, int d, int outH, int outW) {
        ShapeResult r = infer(
                Primitive.CONV2D,
                "filters=16;kernel=" + k + ";stride=" + s + ";padding=" + padding + ";pad=" + pad + ";dilation=" + d,
                "3x" + h + "x" + w);

        assertThat(r.error()).isNull();
        assertThat(r.shape()).isEqualTo(Shape.map(16, outH, outW));
    }

    @ParameterizedTest(name = "depthwise {0} ×{1} k={2} s={3} -> {4}")
    @CsvSource(textBlock = """
            32x16x16,  1, 3, 1, 32x16x16
            32x16x16,  2, 3, 2, 64x8x8
            16x15x15,  4, 5, 2, 64x8x8
            96x112x112,1, 3, 2, 96x56x56
            """)
    void depthwiseMakesMultiplierChannelsPerInputChannel(String in, int m, int k, int s, String out) {
        ShapeResult r = infer(Primitive.DEPTHWISE_CONV2D, "multiplier=" + m + ";kernel=" + k + ";stride=" + s, in);

        assertThat(r.shape()).isEqualTo(Shape.parse(out));
    }

    @ParameterizedTest(name = "{0} in={1} k={2} s={3} p={4} ceil={5} -> {6}")
    @CsvSource(textBlock = """
            # kind,    in,  k, s, pad, ceil,  out
            MAX_POOL,  32,  2, 2, 0,   false, 16
            MAX_POOL,  5,   2, 2, 0,   false, 2
            MAX_POOL,  5,   2, 2, 0,   true,  3
            # ceil((5+2-2)/2)+1 = 4, but window 4 would start at 6 >= 5+1: dropped
            MAX_POOL,  5,   2, 2, 1,   true,  3
            MAX_POOL,  5,   2, 2, 1,   false, 3
            # ceil((3+2-2)/2)+1 = 3, window 3 starts at 4 >= 3+1: dropped
            MAX_POOL,  3,   2, 2, 1,   true,  2
            MAX_POOL,  6,   3, 2, 1,   true,  4
            MAX_POOL,  6,   3, 2, 1,   false, 3
            MAX_POOL,  4,   3, 2, 1,   true,  3
            MAX_POOL,  4,   3, 2, 1,   false, 2
            # GoogLeNet pool1: 112 -> 56 with ceil, 55 without
            MAX_POOL,  112, 3, 2, 0,   true,  56
            MAX_POOL,  112, 3, 2, 0,   false, 55
            # ResNet stem pool
            MAX_POOL,  112, 3, 2, 1,   false, 56
            # Inception branch pool keeps the size
            MAX_POOL,  14,  3, 1, 1,   true,  14
            MAX_POOL,  7,   3, 2, 0,   true,  3
            MAX_POOL,  8,   3, 2, 0,   true,  4
            MAX_POOL,  8,   3, 2, 0,   false, 3
            AVG_POOL,  56,  2, 2, 0,   false, 28
            AVG_POOL,  5,   2, 2, 1,   true,  3
            AVG_POOL,  14,  5, 3, 0,   false, 4
            AVG_POOL,  16,  5, 3, 0,   true,  5
            AVG_POOL,  16,  5, 3, 0,   false, 4
            """)
    void poolOutputSizeFollowsThePyTorchRuleWithAndWithoutCeilMode(
            @ConvertWith(KindConverter.class) BlockKind kind, int in, int k, int s, int pad, boolean ceil, int out) {
        ShapeResult r = infer(
                kind,
                "kernel=" + k + ";stride=" + s + ";padding=explicit;pad=" + pad + ";ceilMode=" + ceil,
                "8x" + in + "x" + in);

        assertThat(r.error()).isNull();
        assertThat(r.shape()).isEqualTo(Shape.map(8, out, out));
    }

    @ParameterizedTest(name = "{0} pool padding {1} k={2} s={3} on {4} -> {5}")
    @CsvSource(textBlock = """
            MAX_POOL, same,  3, 2, 8x32x32, 8x16x16
            MAX_POOL, valid, 3, 2, 8x32x32, 8x15x15
            AVG_POOL, same,  3, 1, 8x7x9,   8x7x9
            """)
    void poolSameAndValidPadding(
            @ConvertWith(KindConverter.class) BlockKind kind, String padding, int k, int s, String in, String out) {
        assertThat(infer(kind, "kernel=" + k + ";stride=" + s + ";padding=" + padding, in)
                        .shape())
                .isEqualTo(Shape.parse(out));
    }

    @ParameterizedTest(name = "{0} {1} on {2} -> {3}")
    @CsvSource(delimiter = ';', textBlock = """
            INPUT;            channels=3,height=224,width=200; 1;                          3x224x200
            GLOBAL_AVG_POOL;  ;                                512x7x7;                    512
            GLOBAL_AVG_POOL;  ;                                2048x1x1;                   2048
            FLATTEN;          ;                                16x5x5;                     400
            FLATTEN;          ;                                10;                         10
            FULLY_CONNECTED;  units=120;                       16x5x5;                     120
            FULLY_CONNECTED;  units=10;                        84;                         10
            CONCAT;           ;                                64x28x28|32x28x28|16x28x28; 112x28x28
            CONCAT;           ;                                10|20;                      30
            ADD;              ;                                64x56x56|64x56x56;          64x56x56
            ADD;              ;                                64x56x56|64x56x56|64x56x56; 64x56x56
            SCALE;            ;                                64x8x8|64;                  64x8x8
            SCALE;            ;                                64x8x8|64x1x1;              64x8x8
            CHANNEL_SHUFFLE;  groups=4;                        64x8x8;                     64x8x8
            BATCH_NORM;       ;                                64x8x8;                     64x8x8
            ACTIVATION;       function=silu;                   64x8x8;                     64x8x8
            DROPOUT;          ;                                4096;                       4096
            CLASSIFIER;       ;                                1000;                       1000
            CLASSIFIER;       ;                                10x1x1;                     10
            """)
    void primitiveOutputShape(
            @ConvertWith(KindConverter.class) BlockKind kind, String params, String inputs, String expected) {
        ShapeResult r = infer(kind, params == null ? null : params.replace(',', ';'), inputs);

        assertThat(r.error()).isNull();
        assertThat(r.shape()).isEqualTo(Shape.parse(expected));
    }

    @ParameterizedTest(name = "{0} {1} on {2}: {3}")
    @CsvSource(delimiter = ';', textBlock = """
            CONV2D;          kernel=5,padding=valid;   1x3x3;             output size -1×-1 ≤ 0: input 1×3×3 is smaller than kernel 5 and padding 0
            CONV2D;          kernel=3,dilation=3,padding=valid; 1x6x6;    output size 0×0 ≤ 0: input 1×6×6 is smaller than kernel 3 with dilation 3 and padding 0
            CONV2D;          groups=2;                 3x8x8;             input channels 3 are not divisible by groups 2
            CONV2D;          groups=4,filters=6;       8x8x8;             filters 6 are not divisible by groups 4
            CONV2D;          ;                         64;                Conv needs a feature map C×H×W, got the vector 64 (use Fully connected on vectors)
            DEPTHWISE_CONV2D;;                         64;                Depthwise conv needs a feature map C×H×W, got the vector 64 (use Fully connected on vectors)
            MAX_POOL;        kernel=2,padding=explicit,pad=2; 8x8x8;      padding 2 is more than half the kernel 2
            MAX_POOL;        kernel=2;                 3x1x1;             output size 0×0 ≤ 0: input 3×1×1 is smaller than the window 2
            AVG_POOL;        ;                         10;                Average pool needs a feature map C×H×W, got the vector 10
            GLOBAL_AVG_POOL; ;                         10;                needs a feature map C×H×W, got the vector 10
            ADD;             ;                         64x56x56|128x28x28; inputs differ, 64×56×56 vs 128×28×28 (use a projection shortcut)
            ADD;             ;                         64x1x1|64;         inputs differ, 64×1×1 vs 64
            CONCAT;          ;                         64x56x56|128x28x28; inputs differ in height×width, 64×56×56 vs 128×28×28 (concat joins channels only)
            CONCAT;          ;                         10|10x4x4;         cannot concatenate a vector and a feature map: 10 and 10×4×4
            SCALE;           ;                         64x8x8|64x2x2;     port 1 needs one weight per channel (a vector), got 64×2×2
            SCALE;           ;                         64x8x8|32;         the map has 64 channels but the weights have 32
            CHANNEL_SHUFFLE; groups=3;                 64x8x8;            channels 64 are not divisible by groups 3
            CHANNEL_SHUFFLE; ;                         64;                needs a feature map C×H×W, got the vector 64
            CLASSIFIER;      ;                         10x7x7;            needs class scores (a vector), got 10×7×7: add Global avg pool or Flatten, then Fully connected
            """)
    void impossibleInputsAreReportedQuotingTheValues(
            @ConvertWith(KindConverter.class) BlockKind kind, String params, String inputs, String message) {
        ShapeResult r = infer(kind, params == null ? null : params.replace(',', ';'), inputs);

        assertThat(r.ok()).isFalse();
        assertThat(r.error()).isEqualTo(message);
    }
}
