package org.blockscope.templates;

import java.util.ArrayList;
import java.util.List;
import org.blockscope.block.NamedBlock;
import org.blockscope.block.SubgraphBuilder;
import org.blockscope.graph.Graph;
import org.blockscope.kind.Params;

/**
 * A point of the RegNet design space (Radosavovic et al. 2020, section 3.3): depth d, initial width
 * w0, slope wa, width multiplier wm, group width g, bottleneck ratio b, SE or not. The quantized
 * linear rule turns it into stages: u_j = w0 + wa·j for j < d, s_j = round(log(u_j/w0) / log(wm)),
 * w_j = 8·round(w0·wm^s_j / 8); blocks of equal width form a stage. As torchvision does, stage
 * widths are then adjusted so that the bottleneck is a multiple of the group width.
 */
public record RegNetDesign(int depth, int w0, double wa, double wm, int groupWidth, double bottleneck, boolean se) {

    /** One stage: width, number of blocks, group width. */
    public record Stage(int width, int blocks, int groupWidth) {}

    public RegNetDesign {
        if (depth < 1 || w0 <= 0 || w0 % 8 != 0 || wa < 0 || wm <= 1 || groupWidth < 1 || bottleneck <= 0) {
            throw new IllegalArgumentException("not a RegNet design (d ≥ 1, w0 > 0 a multiple of 8, wa ≥ 0,"
                    + " wm > 1, g ≥ 1, b > 0): d=" + depth + " w0=" + w0 + " wa=" + wa + " wm=" + wm + " g="
                    + groupWidth + " b=" + bottleneck);
        }
    }

    private static final int QUANT = 8;

    /** The stages, in order. Computed in float32 as torchvision does, so ties round the same way. */
    public List<Stage> stages() {
        List<int[]> runs = new ArrayList<>(); // {width, blocks}
        float logWm = (float) Math.log(wm);
        for (int j = 0; j < depth; j++) {
            float u = j * (float) wa + w0;
            float s = (float) Math.rint((float) Math.log(u / w0) / logWm);
            int w = (int) Math.rint((float) (w0 * Math.pow((float) wm, s)) / QUANT) * QUANT;
            if (runs.isEmpty() || runs.get(runs.size() - 1)[0] != w) {
                runs.add(new int[] {w, 0});
            }
            runs.get(runs.size() - 1)[1]++;
        }
        List<Stage> stages = new ArrayList<>();
        for (int[] r : runs) {
            int wb = (int) (r[0] * bottleneck);
            int g = Math.min(groupWidth, wb);
            int adjusted = Rounding.makeDivisible(wb, g);
            stages.add(new Stage((int) (adjusted / bottleneck), r[1], g));
        }
        return stages;
    }

    /**
     * The network (torchvision RegNet): 3×3/2 stem of 32 with BN and ReLU, the stages (stride 2 in
     * each stage's first block), global average pooling, a fully connected layer.
     */
    public Graph graph(int channels, int resolution, int classes) {
        return graph(channels, resolution, classes, 32);
    }

    /** The network with a stem of {@code stemWidth} channels (small spaces for small images use fewer). */
    public Graph graph(int channels, int resolution, int classes, int stemWidth) {
        SubgraphBuilder b = new SubgraphBuilder();
        String x = b.input(channels, resolution, resolution);
        x = b.relu("stem_relu", b.bn("stem_bn", b.conv("stem", x, stemWidth, 3, 2, 1, 1, false)));
        int n = 1;
        for (Stage s : stages()) {
            for (int i = 0; i < s.blocks(); i++) {
                x = b.add(
                        "s" + n + "_b" + (i + 1),
                        NamedBlock.REGNET,
                        Params.of(
                                "variant",
                                se ? "y" : "x",
                                "filters",
                                s.width(),
                                "groupWidth",
                                s.groupWidth(),
                                "bottleneck",
                                bottleneck,
                                "stride",
                                i == 0 ? 2 : 1),
                        x);
            }
            n++;
        }
        return ImageNetTemplates.finish(b, b.fc("fc", b.gap("avgpool", x), classes, true));
    }

    public static final RegNetDesign X_400MF = new RegNetDesign(22, 24, 24.48, 2.54, 16, 1.0, false);
    public static final RegNetDesign Y_400MF = new RegNetDesign(16, 48, 27.89, 2.09, 8, 1.0, true);
    public static final RegNetDesign X_800MF = new RegNetDesign(16, 56, 35.73, 2.28, 16, 1.0, false);
}
