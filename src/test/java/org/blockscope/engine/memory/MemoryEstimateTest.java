package org.blockscope.engine.memory;

import static org.assertj.core.api.Assertions.assertThat;

import org.blockscope.analysis.NetworkAnalysis;
import org.blockscope.graph.Graph;
import org.blockscope.graph.Node;
import org.blockscope.primitive.PrimitiveNode;
import org.blockscope.templates.Templates;
import org.junit.jupiter.api.Test;

/** The estimate's parts against closed sums over the network's shapes, and what the refusal says. */
class MemoryEstimateTest {

    private static final NetworkAnalysis LENET = NetworkAnalysis.of(Templates.graph("lenet5"));

    private static long outputs(NetworkAnalysis a) {
        return a.expanded().nodes().stream()
                .mapToLong(p -> p.output().elements())
                .sum();
    }

    @Test
    void trainingPartsAreSumsOverTheShapes() {
        MemoryEstimate e = MemoryEstimate.training(LENET, 64, 2, 4);

        long perImage = 4 * outputs(LENET);
        long largest = 4
                * LENET.expanded().nodes().stream()
                        .mapToLong(p -> p.output().elements())
                        .max()
                        .orElseThrow();
        assertThat(largest).isEqualTo(4 * 6 * 28 * 28); // c1's output, LeCun et al. 1998 with padding 2
        assertThat(e.activationBytesPerImage()).isEqualTo(perImage);
        assertThat(e.activationBytes()).isEqualTo(2 * 64 * perImage);
        assertThat(e.weightBytes()).isEqualTo(4 * 61_706);
        assertThat(e.optimizerBytes()).isEqualTo(3 * 4 * 61_706); // gradient + Adam's m and v
        assertThat(e.workspaceBytes()).isEqualTo(64 * largest);
        assertThat(e.totalBytes()).isEqualTo(2 * 64 * perImage + 4 * 4 * 61_706 + 64 * largest);
    }

    @Test
    void inferenceKeepsOneCopyOfTheActivationsAndNoOptimiser() {
        MemoryEstimate e = MemoryEstimate.inference(LENET, 10, 8);

        assertThat(e.activationBytes()).isEqualTo(10 * 8 * outputs(LENET));
        assertThat(e.optimizerBytes()).isZero();
        assertThat(e.weightBytes()).isEqualTo(8 * 61_706);
    }

    @Test
    void largestBatchIsTheLastOneThatFits() {
        MemoryEstimate e = MemoryEstimate.training(LENET, 64, 1, 4);
        long fixed = e.weightBytes() + e.optimizerBytes();
        long perImage = (e.activationBytes() + e.workspaceBytes()) / 64;
        MemoryLimits limits = MemoryLimits.of(fixed + 37 * perImage + perImage / 2, 1L << 30);

        assertThat(e.largestBatch(limits)).isEqualTo(37);
        assertThat(MemoryEstimate.training(LENET, 37, 1, 4).fits(limits)).isTrue();
        assertThat(MemoryEstimate.training(LENET, 38, 1, 4).fits(limits)).isFalse();
        assertThat(e.largestBatch(MemoryLimits.of(fixed - 1, 0))).isZero();
    }

    @Test
    void refusalNamesEveryFigureAndTheWayOut() {
        MemoryEstimate e = MemoryEstimate.training(LENET, 64, 2, 4);
        long limit = 4 << 20;
        long perImage = 4 * outputs(LENET);
        long largest = 4 * 6 * 28 * 28;
        long fits = (limit - 4 * 4 * 61_706) / (2 * perImage + largest);

        assertThat(e.refusal(MemoryLimits.of(e.totalBytes(), 0))).isEmpty();
        assertThat(e.refusal(MemoryLimits.of(limit, 0)))
                .hasValue("training at batch 64 needs at least " + Bytes.format(e.totalBytes())
                        + " of native memory (activations " + Bytes.format(2 * 64 * perImage) + ", "
                        + Bytes.format(perImage) + " per image kept with their gradients; weights "
                        + Bytes.format(4 * 61_706) + "; gradients and optimiser state " + Bytes.format(12 * 61_706)
                        + "; workspace " + Bytes.format(64 * largest) + ") but 4.0 MB is available (a limit of 4.0 MB):"
                        + " use a batch of at most " + fits + ", or a smaller input");
        assertThat(fits).isEqualTo(22);
    }

    @Test
    void absurdShapesSaturateInsteadOfWrapping() {
        Graph g = Templates.graph("lenet5");
        Node in = g.nodes().stream()
                .filter(n -> n.kind() == org.blockscope.primitive.Primitive.INPUT)
                .findFirst()
                .orElseThrow();
        // the largest input the editor allows
        g = g.withReplaced(in.withParams(
                in.params().with("channels", 4096).with("height", 4096).with("width", 4096)));
        NetworkAnalysis a = NetworkAnalysis.of(g);
        PrimitiveNode input = a.expanded().nodes().get(0);
        assertThat(input.output().elements()).isEqualTo(1L << 36);

        MemoryEstimate e = MemoryEstimate.training(a, Integer.MAX_VALUE, 2, 8);

        assertThat(e.activationBytes()).isEqualTo(Long.MAX_VALUE);
        assertThat(e.totalBytes()).isEqualTo(Long.MAX_VALUE);
        assertThat(e.refusal(MemoryLimits.current()))
                .hasValueSatisfying(m -> assertThat(m)
                        .contains("more than 8 EB")
                        .endsWith("even batch 1 does not fit: use a smaller input or fewer channels"));
        assertThat(Bytes.times(1L << 40, 1L << 40)).isEqualTo(Long.MAX_VALUE);
        assertThat(Bytes.plus(Long.MAX_VALUE - 1, 2)).isEqualTo(Long.MAX_VALUE);
        assertThat(Bytes.times(-1, 5)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void currentLimitsAreTheProcessOwn() {
        MemoryLimits now = MemoryLimits.current();
        assertThat(now.heapBytes())
                .isPositive()
                .isLessThanOrEqualTo(Runtime.getRuntime().maxMemory());
        assertThat(now.nativeBytes()).isPositive();
        assertThat(now.nativeSource()).contains("in use");
    }
}
