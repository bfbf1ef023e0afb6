package org.blockscope.engine.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link NativeOps#floats} and {@link NativeOps#doubles} give what INDArray.toFloatVector and toDoubleVector give
 * for a vector, by their bulk path or their fallback.
 */
class NativeOpsTest {

    static Stream<Arguments> arrays() {
        INDArray m = Nd4j.linspace(DataType.FLOAT, 1, 12, 1).reshape('c', 3, 4);
        return Stream.of(
                Arguments.of("dense FLOAT [16]", Nd4j.linspace(DataType.FLOAT, -8, 16, 1)),
                Arguments.of("dense FLOAT [1, 12]", m.reshape('c', 1, 12)),
                Arguments.of("a row view (offset 4)", m.getRow(1)),
                Arguments.of("a column view (strided)", m.getColumn(2)),
                Arguments.of(
                        "a column of an f-order matrix (offset 4)", m.dup('f').getColumn(1)),
                Arguments.of("DOUBLE", Nd4j.linspace(DataType.DOUBLE, 0.5, 7, 1)),
                Arguments.of("one value", Nd4j.scalar(DataType.FLOAT, 3.25f).reshape(1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("arrays")
    void floatsAndDoublesEqualToFloatVectorAndToDoubleVector(String what, INDArray a) {
        double[] expectedDoubles = a.toDoubleVector();
        float[] expectedFloats = a.toFloatVector();
        assertThat(expectedDoubles).isNotEmpty();
        assertThat(NativeOps.doubles(a)).containsExactly(expectedDoubles);
        assertThat(NativeOps.floats(a)).containsExactly(expectedFloats);
    }
}
