package org.blockscope.engine.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Global average pooling of a 1×1 map (a small image after many stride-2 stages, as the design-space
 * search draws them): its mean is the value itself, in FLOAT, where oneDNN's reduction refused it.
 */
class GlobalAvgPoolOneByOneTest {

    @Test
    void aOneByOneMapPoolsToItsValues() {
        INDArray x = Arrays4.rand(3, DataType.FLOAT, 4, 6, 1, 1);
        INDArray y = GlobalAvgPoolKernel.forward(x);
        assertThat(y.shape()).containsExactly(4, 6);
        assertThat(y.dataType()).isEqualTo(DataType.FLOAT);
        assertThat(y.getDouble(2, 5)).isEqualTo(x.getDouble(2, 5, 0, 0));
        INDArray dx = GlobalAvgPoolKernel.backward(x.shape(), y);
        assertThat(dx.shape()).containsExactly(4, 6, 1, 1);
        assertThat(dx.getDouble(1, 3, 0, 0)).isEqualTo(y.getDouble(1, 3));
    }
}
