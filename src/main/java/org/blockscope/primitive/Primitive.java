package org.blockscope.primitive;

import static org.blockscope.kind.ParamSpec.bool;
import static org.blockscope.kind.ParamSpec.choice;
import static org.blockscope.kind.ParamSpec.integer;
import static org.blockscope.kind.ParamSpec.real;

import java.util.List;
import org.blockscope.kind.BlockKind;
import org.blockscope.kind.Category;
import org.blockscope.kind.KindInfo;
import org.blockscope.kind.ParamSpec;
import org.blockscope.kind.Params;

/**
 * The primitives: what the engine executes and what every named block expands into. One row per
 * primitive: its rule (shape, cost, receptive field, formulas, text, icon: {@link PrimitiveRule}),
 * name, palette group, inputs, tooltip and parameters. Adding a row is a compile error in
 * {@code engine.compile.Steps} until the engine can run it.
 */
public enum Primitive implements BlockKind {
    INPUT(
            new InputRule(),
            "Input",
            Category.INPUT_OUTPUT,
            0,
            0,
            "The image that enters the network (channels × height × width).",
            integer("channels", 3, 1, 4096, "colour channels: 1 grey, 3 RGB"),
            integer("height", 32, 1, 4096, "image height").withUnit("px"),
            integer("width", 32, 1, 4096, "image width").withUnit("px")),
    CONV2D(
            new ConvRule(),
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
            new DepthwiseConvRule(),
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
            new BatchNormRule(),
            "Batch norm",
            Category.NORMALIZATION_ACTIVATION,
            1,
            1,
            "Normalises each channel over the batch, then scales and shifts it.",
            real("eps", 1e-5, 0, 1, "added to the variance for stability"),
            real("momentum", 0.1, 0, 1, "weight of the newest batch in the running statistics")),
    ACTIVATION(
            new ActivationRule(),
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
            new PoolRule(true),
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
            new PoolRule(false),
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
    GLOBAL_AVG_POOL(
            new GlobalAvgPoolRule(),
            "Global avg pool",
            Category.POOLING,
            1,
            1,
            "Averages each channel over the whole map: C×H×W → C."),
    FLATTEN(
            new FlattenRule(),
            "Flatten",
            Category.POOLING,
            1,
            1,
            "Lays a C×H×W map out as one vector of C·H·W values."),
    FULLY_CONNECTED(
            new FullyConnectedRule(),
            "Fully connected",
            Category.INPUT_OUTPUT,
            1,
            1,
            "Every output is a weighted sum of all inputs (a map is flattened first).",
            integer("units", 10, 1, 1 << 20, "number of outputs"),
            bool("bias", true, "add a learned bias per output")),
    DROPOUT(
            new DropoutRule(),
            "Dropout",
            Category.NORMALIZATION_ACTIVATION,
            1,
            1,
            "Zeroes random values while training; does nothing at inference.",
            real("rate", 0.5, 0, 0.99, "fraction of values dropped")),
    ADD(
            new AddRule(),
            "Add",
            Category.MERGE,
            2,
            Integer.MAX_VALUE,
            "Adds tensors of equal shape element by element (residual connections)."),
    CONCAT(
            new ConcatRule(),
            "Concat",
            Category.MERGE,
            2,
            Integer.MAX_VALUE,
            "Stacks maps of equal height and width along the channels."),
    SCALE(
            new ScaleRule(),
            "Channel scale",
            Category.MERGE,
            2,
            2,
            "Multiplies each channel of a map (port 0) by one weight (port 1), as SE does."),
    CHANNEL_SHUFFLE(
            new ChannelShuffleRule(),
            "Channel shuffle",
            Category.MERGE,
            1,
            1,
            "Interleaves the channels of groups so information crosses groups (ShuffleNet).",
            integer("groups", 2, 1, 4096, "number of groups")),
    CLASSIFIER(
            new ClassifierRule(),
            "Classifier",
            Category.INPUT_OUTPUT,
            1,
            1,
            "Softmax over the class scores; the network's output and loss.",
            real("lossWeight", 1.0, 0, 100, "weight of this output's loss"),
            bool("trainingOnly", false, "used only while training (auxiliary head)"));

    private final PrimitiveRule rule;
    private final KindInfo info;

    Primitive(
            PrimitiveRule rule,
            String displayName,
            Category category,
            int minInputs,
            int maxInputs,
            String tooltip,
            ParamSpec... specs) {
        this.rule = rule;
        this.info = KindInfo.of(displayName, category, minInputs, maxInputs, tooltip, specs);
    }

    public PrimitiveRule rule() {
        return rule;
    }

    @Override
    public KindInfo info() {
        return info;
    }

    @Override
    public String keyParams(Params p) {
        return rule.keyParams(p);
    }

    @Override
    public String glyph() {
        return rule.glyph();
    }
}
