package org.blockscope.design;

import java.util.List;
import org.blockscope.block.NamedBlock;
import org.blockscope.kind.BlockKind;
import org.blockscope.kind.Params;
import org.blockscope.kind.Structural;
import org.blockscope.primitive.Primitive;

/**
 * How scaling treats each kind: which parameters are channel counts that width multiplies (and the
 * multiple they are rounded to), and how depth repeats it. Exhaustive over the kinds, so a new kind
 * must state both.
 */
final class KindScaling {

    private KindScaling() {}

    /** How depth scaling repeats a named block. */
    enum Depth {
        /** A stage is a run of these blocks; depth adds stride-1 copies (or drops blocks). */
        REPEAT,
        /** Its repeats are a parameter (DenseNet's layers, VGG's convs). */
        PARAMETER,
        /** Not repeated: heads, transitions, attention modules. */
        NEVER
    }

    static Depth depth(NamedBlock b) {
        return switch (b) {
            case INCEPTION, RESIDUAL, RESNEXT, SEPARABLE_CONV, MBCONV, SHUFFLE_UNIT, SHUFFLE_V2_UNIT, REGNET ->
                Depth.REPEAT;
            case DENSE_BLOCK, VGG_STAGE -> Depth.PARAMETER;
            case AUX_CLASSIFIER, TRANSITION, SE, DEFORMABLE_CONV -> Depth.NEVER;
        };
    }

    /** The parameter holding the repeats of a {@link Depth#PARAMETER} block. */
    static String repeatsParameter(NamedBlock b) {
        return b == NamedBlock.DENSE_BLOCK ? "layers" : "convs";
    }

    /** The channel-count parameters of a node of this kind (may be empty). */
    static List<String> channels(BlockKind kind) {
        if (kind instanceof Primitive p) {
            return switch (p) {
                case CONV2D, DEFORM_CONV2D -> List.of("filters");
                case FULLY_CONNECTED -> List.of("units");
                case INPUT,
                        DEPTHWISE_CONV2D,
                        BATCH_NORM,
                        ACTIVATION,
                        MAX_POOL,
                        AVG_POOL,
                        GLOBAL_AVG_POOL,
                        FLATTEN,
                        DROPOUT,
                        ADD,
                        CONCAT,
                        SCALE,
                        CHANNEL_SHUFFLE,
                        CHANNEL_SPLIT,
                        CLASSIFIER -> List.of();
            };
        }
        if (kind instanceof NamedBlock b) {
            return switch (b) {
                case INCEPTION -> List.of("c1", "c3reduce", "c3", "c5reduce", "c5", "poolProj");
                case RESIDUAL,
                        RESNEXT,
                        SEPARABLE_CONV,
                        MBCONV,
                        SHUFFLE_UNIT,
                        SHUFFLE_V2_UNIT,
                        REGNET,
                        DEFORMABLE_CONV,
                        VGG_STAGE -> List.of("filters");
                case DENSE_BLOCK -> List.of("growth");
                case SE -> List.of("squeeze");
                case AUX_CLASSIFIER, TRANSITION -> List.of();
            };
        }
        return switch ((Structural) kind) {
            case GROUP, PORT -> List.of();
        };
    }

    /**
     * The multiple a scaled channel count is rounded to: 8 as the reference implementations do, or a
     * multiple of 8 that also keeps the node's groups whole.
     */
    static int divisor(BlockKind kind, Params p) {
        int groups = kind == Primitive.CONV2D ? p.getInt("groups") : 1;
        if (groups > 1 && groups != p.getInt("filters")) { // (a depthwise conv keeps groups = filters)
            return lcm(8, groups);
        }
        if (kind == NamedBlock.SHUFFLE_UNIT) {
            return lcm(8, 4 * p.getInt("groups")); // its bottleneck, filters/4, is split into the groups
        }
        if (kind == NamedBlock.REGNET && p.getDouble("bottleneck") == 1.0) {
            return lcm(8, p.getInt("groupWidth"));
        }
        return 8;
    }

    private static int lcm(int a, int b) {
        int x = a;
        int y = b;
        while (y != 0) {
            int t = x % y;
            x = y;
            y = t;
        }
        return a / x * b;
    }
}
