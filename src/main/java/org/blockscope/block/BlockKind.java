package org.blockscope.block;

import static org.blockscope.block.ParamSpec.bool;
import static org.blockscope.block.ParamSpec.choice;
import static org.blockscope.block.ParamSpec.integer;
import static org.blockscope.block.ParamSpec.real;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.blockscope.graph.Params;

/**
 * Every kind of block: the primitives the engine executes and the named blocks of the classic CNN
 * papers, which expand into primitives ({@link Expanders}).
 */
public enum BlockKind {
    // ---- primitives ----------------------------------------------------------------------------
    INPUT(
            "Input",
            Category.INPUT_OUTPUT,
            0,
            0,
            "The image that enters the network (channels × height × width).",
            integer("channels", 3, 1, 4096, "colour channels: 1 grey, 3 RGB"),
            integer("height", 32, 1, 4096, "image height").withUnit("px"),
            integer("width", 32, 1, 4096, "image width").withUnit("px")),
    CONV2D(
            "Conv 2D",
            Category.CONVOLUTION,
            1,
            1,
            "Slides learned filters over the image; groups > 1 makes it a grouped conv.",
            integer("filters", 32, 1, 65536, "number of output channels"),
            integer("kernel", 3, 1, 31, "kernel size k (k×k)"),
            integer("stride", 1, 1, 16, "step between windows"),
            choice("padding", "same", List.of("same", "valid", "explicit"), "same: pad d(k−1)/2 per side; valid: none"),
            integer("pad", 0, 0, 64, "padding per side when padding = explicit").withUnit("px"),
            integer("dilation", 1, 1, 16, "spacing between kernel taps"),
            integer("groups", 1, 1, 65536, "split channels into independent groups"),
            bool("bias", true, "add a learned bias per filter")),
    DEPTHWISE_CONV2D(
            "Depthwise conv",
            Category.CONVOLUTION,
            1,
            1,
            "One k×k filter per input channel (MobileNet).",
            integer("multiplier", 1, 1, 64, "output channels per input channel"),
            integer("kernel", 3, 1, 31, "kernel size k (k×k)"),
            integer("stride", 1, 1, 16, "step between windows"),
            choice("padding", "same", List.of("same", "valid", "explicit"), "same: pad d(k−1)/2 per side; valid: none"),
            integer("pad", 0, 0, 64, "padding per side when padding = explicit").withUnit("px"),
            integer("dilation", 1, 1, 16, "spacing between kernel taps"),
            bool("bias", false, "add a learned bias per channel")),
    BATCH_NORM(
            "Batch norm",
            Category.NORMALIZATION_ACTIVATION,
            1,
            1,
            "Normalises each channel over the batch, then scales and shifts it.",
            real("eps", 1e-5, 0, 1, "added to the variance for stability"),
            real("momentum", 0.1, 0, 1, "weight of the newest batch in the running statistics")),
    ACTIVATION(
            "Activation",
            Category.NORMALIZATION_ACTIVATION,
            1,
            1,
            "A non-linearity applied to every value.",
            choice(
                    "function",
                    "relu",
                    List.of("relu", "relu6", "sigmoid", "tanh", "silu", "hardswish"),
                    "which function")),
    MAX_POOL(
            "Max pool",
            Category.POOLING,
            1,
            1,
            "Keeps the largest value of each window.",
            integer("kernel", 2, 1, 31, "window size"),
            integer("stride", 2, 1, 16, "step between windows"),
            choice("padding", "valid", List.of("same", "valid", "explicit"), "same: pad (k−1)/2 per side; valid: none"),
            integer("pad", 0, 0, 64, "padding per side when padding = explicit").withUnit("px"),
            bool("ceilMode", false, "round the output size up (PyTorch ceil_mode)")),
    AVG_POOL(
            "Average pool",
            Category.POOLING,
            1,
            1,
            "Averages each window.",
            integer("kernel", 2, 1, 31, "window size"),
            integer("stride", 2, 1, 16, "step between windows"),
            choice("padding", "valid", List.of("same", "valid", "explicit"), "same: pad (k−1)/2 per side; valid: none"),
            integer("pad", 0, 0, 64, "padding per side when padding = explicit").withUnit("px"),
            bool("ceilMode", false, "round the output size up (PyTorch ceil_mode)")),
    GLOBAL_AVG_POOL("Global avg pool", Category.POOLING, 1, 1, "Averages each channel over the whole map: C×H×W → C."),
    FLATTEN("Flatten", Category.POOLING, 1, 1, "Lays a C×H×W map out as one vector of C·H·W values."),
    FULLY_CONNECTED(
            "Fully connected",
            Category.INPUT_OUTPUT,
            1,
            1,
            "Every output is a weighted sum of all inputs (a map is flattened first).",
            integer("units", 10, 1, 1 << 20, "number of outputs"),
            bool("bias", true, "add a learned bias per output")),
    DROPOUT(
            "Dropout",
            Category.NORMALIZATION_ACTIVATION,
            1,
            1,
            "Zeroes random values while training; does nothing at inference.",
            real("rate", 0.5, 0, 0.99, "fraction of values dropped")),
    ADD(
            "Add",
            Category.MERGE,
            2,
            Integer.MAX_VALUE,
            "Adds tensors of equal shape element by element (residual connections)."),
    CONCAT("Concat", Category.MERGE, 2, Integer.MAX_VALUE, "Stacks maps of equal height and width along the channels."),
    SCALE(
            "Channel scale",
            Category.MERGE,
            2,
            2,
            "Multiplies each channel of a map (port 0) by one weight (port 1), as SE does."),
    CHANNEL_SHUFFLE(
            "Channel shuffle",
            Category.MERGE,
            1,
            1,
            "Interleaves the channels of groups so information crosses groups (ShuffleNet).",
            integer("groups", 2, 1, 4096, "number of groups")),
    CLASSIFIER(
            "Classifier",
            Category.INPUT_OUTPUT,
            1,
            1,
            "Softmax over the class scores; the network's output and loss.",
            real("lossWeight", 1.0, 0, 100, "weight of this output's loss"),
            bool("trainingOnly", false, "used only while training (auxiliary head)")),

    // ---- named blocks --------------------------------------------------------------------------
    INCEPTION(
            "Inception",
            Category.BLOCKS,
            1,
            1,
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
            "Aux classifier",
            Category.BLOCKS,
            1,
            1,
            "GoogLeNet auxiliary head: extra loss (weight 0.3) during training only.",
            integer("classes", 10, 2, 100000, "number of classes"),
            real("lossWeight", 0.3, 0, 10, "weight of the auxiliary loss"),
            real("dropout", 0.7, 0, 0.99, "dropout rate before the last layer")),
    RESIDUAL(
            "Residual",
            Category.BLOCKS,
            1,
            1,
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
            "ResNeXt",
            Category.BLOCKS,
            1,
            1,
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
            "Dense block",
            Category.BLOCKS,
            1,
            1,
            "DenseNet: every layer sees the concatenation of all earlier outputs.",
            integer("layers", 6, 1, 256, "number of layers L"),
            integer("growth", 32, 1, 4096, "growth rate k: channels each layer adds"),
            bool("bottleneck", true, "1×1 conv of bnSize·k before each 3×3 (DenseNet-B)"),
            integer("bnSize", 4, 1, 16, "bottleneck width factor")),
    TRANSITION(
            "Transition",
            Category.BLOCKS,
            1,
            1,
            "DenseNet: BN-ReLU-1×1 conv compressing channels by θ, then 2×2 average pool.",
            real("compression", 0.5, 0.01, 1, "θ: fraction of channels kept")),
    SE(
            "SE block",
            Category.BLOCKS,
            1,
            1,
            "Squeeze-and-excitation: learns a 0..1 weight per channel and rescales.",
            integer("ratio", 16, 1, 4096, "reduction ratio r: hidden = C / r"),
            integer("squeeze", 0, 0, 65536, "hidden units (0 = C / r)"),
            choice("activation", "relu", List.of("relu", "silu"), "activation between the two FC layers")),
    SEPARABLE_CONV(
            "Depthwise-separable conv",
            Category.BLOCKS,
            1,
            1,
            "MobileNet v1: depthwise k×k then pointwise 1×1, each with BN and ReLU.",
            integer("filters", 64, 1, 65536, "pointwise output channels"),
            integer("kernel", 3, 1, 31, "depthwise kernel"),
            integer("stride", 1, 1, 4, "depthwise stride"),
            choice("activation", "relu", List.of("relu", "relu6"), "activation after each BN")),
    MBCONV(
            "MBConv",
            Category.BLOCKS,
            1,
            1,
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
            "ShuffleNet unit",
            Category.BLOCKS,
            1,
            1,
            "Grouped 1×1 convs with a channel shuffle between them, depthwise 3×3, shortcut.",
            integer("filters", 240, 1, 65536, "output channels"),
            integer("groups", 3, 1, 64, "groups of the 1×1 convs"),
            integer("stride", 1, 1, 2, "2 halves the size and concatenates an avg-pooled shortcut")),
    VGG_STAGE(
            "VGG stage",
            Category.BLOCKS,
            1,
            1,
            "n 3×3 convs with ReLU, then a 2×2 max pool.",
            integer("convs", 2, 1, 16, "number of 3×3 convs"),
            integer("filters", 64, 1, 65536, "filters of each conv"),
            bool("batchNorm", false, "batch norm after each conv")),
    GROUP("Group", Category.BLOCKS, 1, Integer.MAX_VALUE, "Your own block made from a selection."),

    /** Stands for input port {@code index} inside a composite's subgraph. Not in the palette. */
    PORT(
            "Port",
            Category.INTERNAL,
            0,
            0,
            "An input port of the enclosing block.",
            integer("index", 0, 0, 64, "port number"));

    private final String displayName;
    private final Category category;
    private final int minInputs;
    private final int maxInputs;
    private final String tooltip;
    private final List<ParamSpec> specs;
    private final Map<String, ParamSpec> byName;
    private final Params defaults;

    BlockKind(String displayName, Category category, int minInputs, int maxInputs, String tooltip, ParamSpec... specs) {
        this.displayName = displayName;
        this.category = category;
        this.minInputs = minInputs;
        this.maxInputs = maxInputs;
        this.tooltip = tooltip;
        this.specs = List.of(specs);
        this.byName = new LinkedHashMap<>();
        Map<String, Object> defs = new LinkedHashMap<>();
        for (ParamSpec s : specs) {
            byName.put(s.name(), s);
            defs.put(s.name(), s.defaultValue());
        }
        this.defaults = Params.of(defs);
    }

    public String displayName() {
        return displayName;
    }

    public Category category() {
        return category;
    }

    public String tooltip() {
        return tooltip;
    }

    public List<ParamSpec> specs() {
        return specs;
    }

    public Optional<ParamSpec> spec(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Params defaults() {
        return defaults;
    }

    public int minInputs() {
        return minInputs;
    }

    public int maxInputs() {
        return maxInputs;
    }

    public boolean variadic() {
        return maxInputs == Integer.MAX_VALUE;
    }

    /** Ports shown for a node with {@code connected} inputs: variadic kinds offer one free port. */
    public int inputPorts(int connected) {
        if (!variadic()) {
            return maxInputs;
        }
        return Math.max(minInputs, connected + 1);
    }

    /** True for named blocks that expand into primitives. */
    public boolean composite() {
        return category == Category.BLOCKS;
    }

    /** The id used in files and on the command line, e.g. {@code dense_block}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<BlockKind> byId(String id) {
        for (BlockKind k : values()) {
            if (k.id().equalsIgnoreCase(id)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    /** Checks every parameter value; messages quote what was received. */
    public List<String> validate(Params params) {
        List<String> problems = new ArrayList<>();
        for (ParamSpec s : specs) {
            if (!params.has(s.name())) {
                problems.add("missing parameter " + s.name());
            } else {
                s.check(params.get(s.name())).ifPresent(problems::add);
            }
        }
        for (String key : params.asMap().keySet()) {
            if (!byName.containsKey(key)) {
                problems.add("unknown parameter '" + key + "' for " + displayName);
            }
        }
        return problems;
    }
}
