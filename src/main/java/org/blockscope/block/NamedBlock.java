package org.blockscope.block;

import static org.blockscope.kind.ParamSpec.bool;
import static org.blockscope.kind.ParamSpec.choice;
import static org.blockscope.kind.ParamSpec.integer;
import static org.blockscope.kind.ParamSpec.real;

import java.util.List;
import java.util.function.Function;
import org.blockscope.kind.BlockKind;
import org.blockscope.kind.Category;
import org.blockscope.kind.Glyph;
import org.blockscope.kind.KindInfo;
import org.blockscope.kind.ParamSpec;
import org.blockscope.kind.Params;

/**
 * The named blocks of the classic CNN papers. One row per block: its expansion into primitives
 * (the single definition that shapes, costs and the engine all read), the key parameters shown on
 * its node, its palette icon, name, tooltip and parameters. A new named block is a row here, its
 * {@link Expansion} and its explanation page {@code resources/blocks/<id>.md}.
 */
public enum NamedBlock implements BlockKind {
    INCEPTION(
            new InceptionExpansion(),
            p -> p.getInt("c1") + "/" + p.getInt("c3") + "/" + p.getInt("c5") + "/" + p.getInt("poolProj"),
            Glyph.BRANCHES,
            "Inception",
            "GoogLeNet module: 1×1, 3×3, 5×5 and pooling branches side by side, concatenated.",
            integer("c1", 64, 0, 4096, "1×1 branch filters"),
            integer("c3reduce", 96, 1, 4096, "1×1 reduction before the 3×3"),
            integer("c3", 128, 1, 4096, "3×3 branch filters"),
            integer("c5reduce", 16, 1, 4096, "1×1 reduction before the 5×5"),
            integer("c5", 32, 1, 4096, "5×5 branch filters"),
            integer("poolProj", 32, 1, 4096, "1×1 projection after the 3×3 max pool"),
            integer("c5kernel", 5, 1, 7, "kernel of the '5×5' branch (torchvision uses 3)"),
            bool("batchNorm", true, "conv without bias + batch norm (torchvision) instead of conv with bias")),
    AUX_CLASSIFIER(
            new AuxClassifierExpansion(),
            p -> p.getInt("classes") + " classes ×" + KeyText.number(p.getDouble("lossWeight")),
            Glyph.BRANCHES,
            "Aux classifier",
            "GoogLeNet auxiliary head: extra loss (weight 0.3) during training only.",
            integer("classes", 10, 2, 100000, "number of classes"),
            real("lossWeight", 0.3, 0, 10, "weight of the auxiliary loss"),
            real("dropout", 0.7, 0, 0.99, "dropout rate before the last layer")),
    RESIDUAL(
            new ResidualExpansion(),
            p -> p.getString("variant") + " " + p.getInt("filters") + KeyText.stride(p)
                    + (p.getBool("se") ? " SE" : ""),
            Glyph.SKIP,
            "Residual",
            "ResNet block: a few convs plus a shortcut, added at the end.",
            choice(
                    "variant",
                    "basic",
                    List.of("basic", "bottleneck"),
                    "basic: 3×3,3×3; bottleneck: 1×1,3×3,1×1 (×4 out)"),
            integer("filters", 64, 1, 65536, "width of the convs (bottleneck outputs 4× this)"),
            integer("stride", 1, 1, 4, "stride of the first 3×3"),
            choice(
                    "shortcut",
                    "auto",
                    List.of("auto", "identity", "projection"),
                    "auto: 1×1 projection when shapes differ"),
            bool("se", false, "squeeze-and-excitation on the branch"),
            integer("seRatio", 16, 1, 1024, "SE reduction ratio r")),
    RESNEXT(
            new ResNeXtExpansion(),
            p -> p.getInt("filters") + " " + p.getInt("cardinality") + "×" + p.getInt("baseWidth") + "d"
                    + KeyText.stride(p),
            Glyph.SKIP,
            "ResNeXt",
            "Bottleneck whose 3×3 is a grouped conv of many parallel paths (cardinality).",
            integer("filters", 64, 1, 65536, "planes (block outputs 4× this)"),
            integer("cardinality", 32, 1, 1024, "number of groups in the 3×3"),
            integer("baseWidth", 4, 1, 1024, "width per group at 64 planes"),
            integer("stride", 1, 1, 4, "stride of the 3×3"),
            choice(
                    "shortcut",
                    "auto",
                    List.of("auto", "identity", "projection"),
                    "auto: 1×1 projection when shapes differ")),
    DENSE_BLOCK(
            new DenseBlockExpansion(),
            p -> "L=" + p.getInt("layers") + " k=" + p.getInt("growth"),
            Glyph.DENSE,
            "Dense block",
            "DenseNet: every layer sees the concatenation of all earlier outputs.",
            integer("layers", 6, 1, 256, "number of layers L"),
            integer("growth", 32, 1, 4096, "growth rate k: channels each layer adds"),
            bool("bottleneck", true, "1×1 conv of bnSize·k before each 3×3 (DenseNet-B)"),
            integer("bnSize", 4, 1, 16, "bottleneck width factor")),
    TRANSITION(
            new TransitionExpansion(),
            p -> "θ=" + KeyText.number(p.getDouble("compression")),
            Glyph.DENSE,
            "Transition",
            "DenseNet: BN-ReLU-1×1 conv compressing channels by θ, then 2×2 average pool.",
            real("compression", 0.5, 0.01, 1, "θ: fraction of channels kept")),
    SE(
            new SqueezeExcitationExpansion(),
            p -> p.getInt("squeeze") > 0 ? "squeeze " + p.getInt("squeeze") : "r=" + p.getInt("ratio"),
            "rect 3 5 6 10; line 9 10 12 10; dot 13.5 10; path M15 10 C17 10 17 4 6 4",
            "SE block",
            "Squeeze-and-excitation: learns a 0..1 weight per channel and rescales.",
            integer("ratio", 16, 1, 4096, "reduction ratio r: hidden = C / r"),
            integer("squeeze", 0, 0, 65536, "hidden units (0 = C / r)"),
            choice("activation", "relu", List.of("relu", "silu"), "activation between the two FC layers")),
    SEPARABLE_CONV(
            new SeparableConvExpansion(),
            p -> p.getInt("filters") + " filters " + KeyText.square(p.getInt("kernel")) + KeyText.stride(p),
            "rect 3 6 6 8; line 9 10 12 10; rect 12 8 5 4",
            "Depthwise-separable conv",
            "MobileNet v1: depthwise k×k then pointwise 1×1, each with BN and ReLU.",
            integer("filters", 64, 1, 65536, "pointwise output channels"),
            integer("kernel", 3, 1, 31, "depthwise kernel"),
            integer("stride", 1, 1, 4, "depthwise stride"),
            choice("activation", "relu", List.of("relu", "relu6"), "activation after each BN")),
    MBCONV(
            new MBConvExpansion(),
            p -> p.getInt("filters") + " t=" + p.getInt("expansion") + " " + KeyText.square(p.getInt("kernel"))
                    + KeyText.stride(p) + (p.getBool("se") ? " SE" : ""),
            Glyph.SKIP,
            "MBConv",
            "Inverted residual (MobileNetV2/EfficientNet): expand, depthwise, project, skip.",
            integer("filters", 24, 1, 65536, "output channels"),
            integer("expansion", 6, 1, 64, "expansion factor t"),
            integer("kernel", 3, 1, 31, "depthwise kernel"),
            integer("stride", 1, 1, 4, "depthwise stride"),
            bool("se", false, "squeeze-and-excitation after the depthwise conv"),
            integer("seRatio", 4, 1, 1024, "SE hidden = input channels / seRatio (EfficientNet)"),
            choice(
                    "activation",
                    "relu6",
                    List.of("relu6", "silu", "relu"),
                    "relu6 (MobileNetV2) or silu (EfficientNet)")),
    SHUFFLE_UNIT(
            new ShuffleUnitExpansion(),
            p -> p.getInt("filters") + " g=" + p.getInt("groups") + KeyText.stride(p),
            Glyph.SKIP,
            "ShuffleNet unit",
            "Grouped 1×1 convs with a channel shuffle between them, depthwise 3×3, shortcut.",
            integer("filters", 240, 1, 65536, "output channels"),
            integer("groups", 3, 1, 64, "groups of the 1×1 convs"),
            integer("stride", 1, 1, 2, "2 halves the size and concatenates an avg-pooled shortcut")),
    VGG_STAGE(
            new VggStageExpansion(),
            p -> p.getInt("convs") + "×conv " + p.getInt("filters") + (p.getBool("batchNorm") ? " BN" : ""),
            "rect 3 5 4 10; rect 8 5 4 10; rect 13 7 3 6",
            "VGG stage",
            "n 3×3 convs with ReLU, then a 2×2 max pool.",
            integer("convs", 2, 1, 16, "number of 3×3 convs"),
            integer("filters", 64, 1, 65536, "filters of each conv"),
            bool("batchNorm", false, "batch norm after each conv"));

    private final Expansion expansion;
    private final Function<Params, String> keyParams;
    private final String glyph;
    private final KindInfo info;

    NamedBlock(
            Expansion expansion,
            Function<Params, String> keyParams,
            String glyph,
            String displayName,
            String tooltip,
            ParamSpec... specs) {
        this.expansion = expansion;
        this.keyParams = keyParams;
        this.glyph = glyph;
        this.info = KindInfo.of(displayName, Category.BLOCKS, 1, 1, tooltip, specs);
    }

    public Expansion expansion() {
        return expansion;
    }

    @Override
    public KindInfo info() {
        return info;
    }

    @Override
    public String keyParams(Params p) {
        return keyParams.apply(p);
    }

    @Override
    public String glyph() {
        return glyph;
    }
}
