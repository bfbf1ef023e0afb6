package org.blockscope.engine.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class ElementwiseUpdateTest {

    private enum Dtype {
        FLOAT(DataType.FLOAT),
        DOUBLE(DataType.DOUBLE);
        final DataType type;

        Dtype(DataType type) {
            this.type = type;
        }
    }

    /** w -= g; s = s * 2 + w (after the update): every element, across chunk boundaries (10,000 > 4,096). */
    @ParameterizedTest
    @EnumSource(Dtype.class)
    void updatesEveryElementOfWeightsAndStateInPlace(Dtype t) {
        int n = 10_000;
        INDArray w = Nd4j.linspace(1, n, n, t.type).reshape(100, 100);
        INDArray g = Nd4j.linspace(1, n, n, t.type).muli(0.5).reshape(100, 100);
        INDArray s = Nd4j.ones(t.type, 100, 100);
        ElementwiseUpdate.run(w, g, new INDArray[] {s}, (pw, pg, st, k) -> {
            for (int i = 0; i < k; i++) {
                pw[i] -= pg[i];
                st[0][i] = st[0][i] * 2 + pw[i];
            }
        });
        for (int i = 0; i < n; i += 997) {
            double wi = (i + 1) - 0.5 * (i + 1);
            assertThat(w.getDouble(i)).isCloseTo(wi, within(1e-9));
            assertThat(s.getDouble(i)).isCloseTo(2 + wi, within(1e-9));
        }
        assertThat(g.getDouble(n - 1)).isEqualTo(0.5 * n); // the gradient is only read
    }

    @ParameterizedTest
    @EnumSource(Dtype.class)
    void aViewOrAnFOrderArrayIsWrittenBackToItsOwnElements(Dtype t) {
        INDArray big = Nd4j.zeros(t.type, 6, 4);
        INDArray w = big.get(NDArrayIndex.interval(2, 4), NDArrayIndex.all()); // rows 2 and 3
        INDArray g = Nd4j.linspace(1, 8, 8, t.type).reshape('f', 2, 4).dup('f');
        INDArray s = Nd4j.zeros(t.type, 2, 4).dup('f');
        ElementwiseUpdate.run(w, g, new INDArray[] {s}, (pw, pg, st, k) -> {
            for (int i = 0; i < k; i++) {
                pw[i] += pg[i];
                st[0][i] = -pg[i];
            }
        });
        assertThat(big.getRow(0).sumNumber().doubleValue()).isZero();
        assertThat(big.getRow(4).sumNumber().doubleValue()).isZero();
        assertThat(w).isEqualTo(g.castTo(t.type).dup('c'));
        assertThat(s).isEqualTo(g.neg());
    }
}
