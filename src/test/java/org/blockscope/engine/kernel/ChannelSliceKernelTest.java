package org.blockscope.engine.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Channel slices as {@code x[:, from:from+count]}, on maps and vectors, and their gradient. */
class ChannelSliceKernelTest {
    @BeforeAll
    static void doubles() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    @Test
    void takesTheChannelsAskedForAndPutsTheGradientBack() {
        INDArray x = Arrays4.rand(3, 2, 6, 2, 3);
        INDArray y = ChannelSliceKernel.forward(x, 2, 3);
        assertThat(y.shape()).containsExactly(2, 3, 2, 3);
        for (int c = 0; c < 3; c++) {
            assertThat(y.getDouble(1, c, 1, 2)).isEqualTo(x.getDouble(1, c + 2, 1, 2));
        }
        INDArray dx = ChannelSliceKernel.backward(x.shape(), 2, y);
        assertThat(dx.getDouble(0, 1, 0, 0)).isZero();
        assertThat(dx.getDouble(0, 5, 1, 1)).isZero();
        assertThat(dx.getDouble(1, 4, 1, 2)).isEqualTo(x.getDouble(1, 4, 1, 2));
        GradCheck.check("slice", new INDArray[] {x}, v -> ChannelSliceKernel.forward(v[0], 3, 3), dy ->
                new INDArray[] {ChannelSliceKernel.backward(x.shape(), 3, dy)});
    }

    @Test
    void vectorsAndStridedViewsWork() {
        INDArray v = Arrays4.rand(4, 3, 8);
        assertThat(ChannelSliceKernel.forward(v, 4, 4))
                .isEqualTo(v.get(
                        org.nd4j.linalg.indexing.NDArrayIndex.all(),
                        org.nd4j.linalg.indexing.NDArrayIndex.interval(4, 8)));
        INDArray nhwc = Arrays4.rand(5, 2, 3, 3, 4); // a channels-last array seen as NCHW
        INDArray view = nhwc.permute(0, 3, 1, 2);
        INDArray y = ChannelSliceKernel.forward(view, 2, 2);
        assertThat(y.getDouble(1, 1, 2, 0)).isEqualTo(nhwc.getDouble(1, 2, 0, 3));
    }
}
