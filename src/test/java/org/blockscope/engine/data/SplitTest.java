package org.blockscope.engine.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.blockscope.graph.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SplitTest {

    /** Image i is 1×1×2 with pixels (i / 256, i % 256), so every image is unique and tells its index. */
    static Dataset numbered(int... classSizes) {
        int n = java.util.stream.IntStream.of(classSizes).sum();
        float[] values = new float[2 * n];
        int[] labels = new int[n];
        int i = 0;
        for (int c = 0; c < classSizes.length; c++) {
            for (int k = 0; k < classSizes[c]; k++, i++) {
                values[2 * i] = (i / 256) / 255f;
                values[2 * i + 1] = (i % 256) / 255f;
                labels[i] = c;
            }
        }
        List<String> names = java.util.stream.IntStream.range(0, classSizes.length)
                .mapToObj(c -> "c" + c)
                .toList();
        return Dataset.ofFloats(Shape.map(1, 1, 2), values, labels, names, "numbered");
    }

    static int id(Dataset data, int index) {
        return data.raw(index, 0) * 256 + data.raw(index, 1);
    }

    static List<Integer> ids(Dataset data) {
        return java.util.stream.IntStream.range(0, data.size())
                .map(i -> id(data, i))
                .boxed()
                .toList();
    }

    @ParameterizedTest(name = "classes {0}, fraction {1} -> validation {2}")
    @CsvSource(delimiter = '|', textBlock = """
            50 30 20    | 0.2  | 10 6 4
            300 300 300 | 0.1  | 30 30 30
            7 3 2       | 0.25 | 2 1 1
            5 5         | 0.0  | 0 0
            """)
    void keepsClassProportions(String sizes, double fraction, String expected) {
        int[] classSizes = ints(sizes);
        Dataset data = numbered(classSizes);

        Split split = Split.bySeed(data, fraction, 42);

        int[] val = ints(expected);
        assertThat(split.validation().countsPerClass()).containsExactly(val);
        for (int c = 0; c < classSizes.length; c++) {
            assertThat(split.train().countsPerClass()[c]).isEqualTo(classSizes[c] - val[c]);
        }
    }

    @Test
    void partsAreDisjointAndCoverEveryImageWithItsLabel() {
        Dataset data = numbered(50, 30, 20);
        Split split = Split.bySeed(data, 0.2, 7);

        Set<Integer> seen = new HashSet<>();
        for (Dataset part : List.of(split.train(), split.validation())) {
            for (int i = 0; i < part.size(); i++) {
                int id = id(part, i);
                assertThat(seen.add(id)).isTrue();
                assertThat(part.label(i)).isEqualTo(data.label(id));
            }
        }
        assertThat(seen).hasSize(100);
    }

    @Test
    void sameSeedGivesTheSameSplitAndAnotherSeedAnother() {
        Dataset data = numbered(50, 30, 20);

        List<Integer> first = ids(Split.bySeed(data, 0.2, 7).validation());
        List<Integer> again = ids(Split.bySeed(data, 0.2, 7).validation());
        List<Integer> other = ids(Split.bySeed(data, 0.2, 8).validation());

        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void sampleDigitsSplitTwentyPercentIsSixtyPerClass() throws DataException {
        Split split = Split.bySeed(TestFiles.digitsTrain(), 0.2, 1);
        assertThat(split.validation().countsPerClass()).containsOnly(60);
        assertThat(split.train().countsPerClass()).containsOnly(240);
    }

    @Test
    void separateFoldersMustHaveTheSameClasses() {
        Dataset three = numbered(2, 2, 2);
        Dataset two = numbered(2, 2);
        assertThatThrownBy(() -> Split.of(three, two))
                .isInstanceOf(DataException.class)
                .hasMessage(
                        "training data (numbered) has classes [c0, c1, c2] but validation data (numbered) has [c0, c1]");
    }

    private static int[] ints(String text) {
        return java.util.Arrays.stream(text.trim().split("\\s+"))
                .mapToInt(Integer::parseInt)
                .toArray();
    }
}
