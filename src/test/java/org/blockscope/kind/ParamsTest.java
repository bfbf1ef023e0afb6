package org.blockscope.kind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.blockscope.graph.Node;
import org.blockscope.primitive.Padding;
import org.blockscope.primitive.Primitive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ParamsTest {

    enum Padding {
        SAME,
        VALID
    }

    @Test
    void valuesAreStoredAsIntegerDoubleBooleanOrString() {
        Params p = Params.of("i", 3, "l", 7L, "f", 0.5f, "d", 0.25, "b", true, "s", "same", "e", Padding.VALID);

        assertThat(p.get("i")).isEqualTo(3);
        assertThat(p.get("l")).isEqualTo(7); // long narrowed to int
        assertThat(p.get("f")).isEqualTo(0.5); // float widened to double
        assertThat(p.get("d")).isEqualTo(0.25);
        assertThat(p.get("b")).isEqualTo(true);
        assertThat(p.get("s")).isEqualTo("same");
        assertThat(p.get("e")).isEqualTo("valid"); // enum by its lower-case name
    }

    @Test
    void unsupportedAndNullValuesAreRejectedNamingTheParameter() {
        assertThatThrownBy(() -> Params.of("kernel", new int[] {3}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("parameter 'kernel' has unsupported type");
        assertThatThrownBy(() -> Params.of("kernel", null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("parameter 'kernel' is null");
        assertThatThrownBy(() -> Params.of("kernel")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Params.of("big", Long.MAX_VALUE)).isInstanceOf(ArithmeticException.class);
    }

    @ParameterizedTest(name = "{0} read as int")
    @CsvSource(textBlock = """
            int,      3
            double,   3
            """)
    void getIntAcceptsWholeDoubles(String type, int expected) {
        Params p = Params.of("k", type.equals("int") ? (Object) 3 : (Object) 3.0);
        assertThat(p.getInt("k")).isEqualTo(expected);
    }

    @Test
    void typedGettersQuoteTheValueTheyCannotRead() {
        Params p = Params.of("k", 3.5, "b", "yes", "s", "same", "n", 4);

        assertThatThrownBy(() -> p.getInt("k")).hasMessage("parameter 'k' is not an integer: 3.5");
        assertThatThrownBy(() -> p.getBool("b")).hasMessage("parameter 'b' is not a boolean: yes");
        assertThatThrownBy(() -> p.getDouble("s")).hasMessage("parameter 's' is not a number: same");
        assertThatThrownBy(() -> p.get("missing")).hasMessageStartingWith("no parameter 'missing' in ");
        assertThat(p.getDouble("n")).isEqualTo(4.0);
        assertThat(p.getString("n")).isEqualTo("4");
    }

    @Test
    void withReturnsANewValueAndLeavesTheOriginal() {
        Params p = Params.of("filters", 64);
        Params q = p.with("filters", 128).with("kernel", 3);

        assertThat(p.asMap()).isEqualTo(Map.of("filters", 64));
        assertThat(q.asMap()).isEqualTo(Map.of("filters", 128, "kernel", 3));
        assertThatThrownBy(() -> q.asMap().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void overridesWinOverDefaults() {
        Node n = Node.of("c", Primitive.CONV2D, Params.of("filters", 7));

        assertThat(n.params().getInt("filters")).isEqualTo(7);
        assertThat(n.params().getInt("kernel")).isEqualTo(3);
        assertThat(n.params().asMap().keySet())
                .isEqualTo(Primitive.CONV2D.defaults().asMap().keySet());
    }

    @Test
    void equalityIsByValueAndInsertionOrderDoesNotMatter() {
        assertThat(Params.of("a", 1, "b", 2))
                .isEqualTo(Params.of("b", 2, "a", 1))
                .hasSameHashCodeAs(Params.of("b", 2, "a", 1));
        assertThat(Params.of("a", 1)).isNotEqualTo(Params.of("a", 2));
    }
}
