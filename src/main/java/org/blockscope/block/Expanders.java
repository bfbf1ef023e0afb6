package org.blockscope.block;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.blockscope.block.expand.AuxClassifierExpansion;
import org.blockscope.block.expand.DenseBlockExpansion;
import org.blockscope.block.expand.InceptionExpansion;
import org.blockscope.block.expand.MBConvExpansion;
import org.blockscope.block.expand.ResNeXtExpansion;
import org.blockscope.block.expand.ResidualExpansion;
import org.blockscope.block.expand.SeparableConvExpansion;
import org.blockscope.block.expand.ShuffleUnitExpansion;
import org.blockscope.block.expand.SqueezeExcitationExpansion;
import org.blockscope.block.expand.TransitionExpansion;
import org.blockscope.block.expand.VggStageExpansion;

/** The expansion of every named block. A test checks every composite kind has one. */
public final class Expanders {

    private static final Map<BlockKind, Expansion> BY_KIND = new EnumMap<>(BlockKind.class);

    static {
        BY_KIND.put(BlockKind.INCEPTION, new InceptionExpansion());
        BY_KIND.put(BlockKind.AUX_CLASSIFIER, new AuxClassifierExpansion());
        BY_KIND.put(BlockKind.RESIDUAL, new ResidualExpansion());
        BY_KIND.put(BlockKind.RESNEXT, new ResNeXtExpansion());
        BY_KIND.put(BlockKind.DENSE_BLOCK, new DenseBlockExpansion());
        BY_KIND.put(BlockKind.TRANSITION, new TransitionExpansion());
        BY_KIND.put(BlockKind.SE, new SqueezeExcitationExpansion());
        BY_KIND.put(BlockKind.SEPARABLE_CONV, new SeparableConvExpansion());
        BY_KIND.put(BlockKind.MBCONV, new MBConvExpansion());
        BY_KIND.put(BlockKind.SHUFFLE_UNIT, new ShuffleUnitExpansion());
        BY_KIND.put(BlockKind.VGG_STAGE, new VggStageExpansion());
    }

    private Expanders() {}

    /** The expansion of a named block; groups carry their own body and have none here. */
    public static Optional<Expansion> of(BlockKind kind) {
        return Optional.ofNullable(BY_KIND.get(kind));
    }
}
