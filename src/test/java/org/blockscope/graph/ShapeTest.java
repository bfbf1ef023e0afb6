package org.blockscope.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ShapeTest {

    @ParameterizedTest(name = "''{0}'' -> {1}×{2}×{3} vector={4}")
    @CsvSource(delimiter = '|', textBlock = """
            3x224x224     | 3    | 224 | 224 | false
            3×224×224     | 3    | 224 | 224 | false
            64X56X56      | 64   | 56  | 56  | false
            1*28*28       | 1    | 28  | 28  | false
            ' 3 x 32 x 16 ' | 3  | 32  | 16  | false
            1000          | 1000 | 1   | 1   | true
            ' 10 '        | 10   | 1   | 1   | true
            """)
    void parseReadsMapsAndVectors(String text, int c, int h, int w, boolean vector) {
        assertThat(Shape.parse(text)).isEqualTo(new Shape(c, h, w, vector));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "3x224", "3x224x224x1", "axbxc", "3x2.5x4", "x3x3"})
    void parseRejectsOtherTextQuotingIt(String text) {
        assertThatThrownBy(() -> Shape.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected a shape like 3x224x224, got '" + text + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-5", "0x224x224", "3x-1x224", "3x224x0"})
    void parseRejectsSizesBelowOne(String text) {
        assertThatThrownBy(() -> Shape.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + text + "'");
    }

    @ParameterizedTest(name = "{0} prints as {1}")
    @CsvSource(textBlock = """
            64x56x56, 64×56×56
            1000,     1000
            """)
    void toStringIsWhatDiagnosticsQuote(String text, String printed) {
        assertThat(Shape.parse(text)).hasToString(printed);
        assertThat(Shape.parse(printed)).isEqualTo(Shape.parse(text));
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            3x224x224,   150528
            2048x7x7,    100352
            1000,        1000
            """)
    void elementsAreTheProductOfTheAxes(String text, long elements) {
        assertThat(Shape.parse(text).elements()).isEqualTo(elements);
    }

    @org.junit.jupiter.api.Test
    void aVectorHasHeightAndWidthOne() {
        assertThatThrownBy(() -> new Shape(10, 2, 1, true)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Shape.vector(10)).isNotEqualTo(Shape.map(10, 1, 1));
    }
}
