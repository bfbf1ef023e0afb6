package org.blockscope.block;

import org.blockscope.graph.Shape;
import org.blockscope.kind.Params;

/** The shortcut of residual-style blocks: identity, or a 1×1 projection conv + BN (He et al. 2016, option B). */
final class Shortcut {

    private Shortcut() {}

    /**
     * {@code auto} projects when the branch changes the shape (stride ≠ 1 or other channel count).
     * A forced identity on a shape change is left for the Add to diagnose, quoting both shapes.
     */
    static String build(SubgraphBuilder b, String x, Shape in, Params p, int outChannels, int stride) {
        String mode = p.getString("shortcut");
        boolean project = switch (mode) {
            case "projection" -> true;
            case "identity" -> false;
            default -> stride != 1 || in.channels() != outChannels;
        };
        if (!project) {
            return x;
        }
        return b.bn("shortcut_bn", b.conv("shortcut_conv", x, outChannels, 1, stride, 0, 1, false));
    }

    static void requireMap(Shape s, String block) {
        if (s.vector()) {
            throw new Expansion.Impossible(block + " needs a feature map C×H×W, got the vector " + s);
        }
    }
}
