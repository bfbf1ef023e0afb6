package org.blockscope.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.blockscope.analysis.NetworkAnalysis;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The quantized linear rule gives torchvision's stages for every RegNet it ships (oracle:
 * {@code src/test/python/regnet_stages.py}, torchvision 0.14 BlockParams.from_init_params).
 */
class RegNetDesignTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(textBlock = """
            regnet_y_400mf, 16, 48, 27.89, 2.09, 8, 48/104/208/440, 1/3/6/6, 8/8/8/8
            regnet_y_800mf, 14, 56, 38.84, 2.4, 16, 64/144/320/784, 1/3/8/2, 16/16/16/16
            regnet_y_1_6gf, 27, 48, 20.71, 2.65, 24, 48/120/336/888, 2/6/17/2, 24/24/24/24
            regnet_y_3_2gf, 21, 80, 42.63, 2.66, 24, 72/216/576/1512, 2/5/13/1, 24/24/24/24
            regnet_y_8gf, 17, 192, 76.82, 2.19, 56, 224/448/896/2016, 2/4/10/1, 56/56/56/56
            regnet_x_400mf, 22, 24, 24.48, 2.54, 16, 32/64/160/400, 1/2/7/12, 16/16/16/16
            regnet_x_800mf, 16, 56, 35.73, 2.28, 16, 64/128/288/672, 1/3/7/5, 16/16/16/16
            regnet_x_1_6gf, 18, 80, 34.01, 2.25, 24, 72/168/408/912, 2/4/10/2, 24/24/24/24
            regnet_x_3_2gf, 25, 88, 26.31, 2.25, 48, 96/192/432/1008, 2/6/15/2, 48/48/48/48
            regnet_x_8gf, 23, 80, 49.56, 2.88, 120, 80/240/720/1920, 2/5/15/1, 80/120/120/120
            """)
    void quantizedLinearRuleGivesTorchvisionsStages(
            String name, int d, int w0, double wa, double wm, int g, String widths, String depths, String groups) {
        List<RegNetDesign.Stage> stages = new RegNetDesign(d, w0, wa, wm, g, 1.0, false).stages();

        assertThat(stages.stream().map(RegNetDesign.Stage::width)).containsExactlyElementsOf(ints(widths));
        assertThat(stages.stream().map(RegNetDesign.Stage::blocks)).containsExactlyElementsOf(ints(depths));
        assertThat(stages.stream().map(RegNetDesign.Stage::groupWidth)).containsExactlyElementsOf(ints(groups));
        assertThat(stages.stream().mapToInt(RegNetDesign.Stage::blocks).sum()).isEqualTo(d);
    }

    /** A bigger design than the templates, through the network: it builds without a diagnostic. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(textBlock = """
            regnet_x_8gf, 23, 80, 49.56, 2.88, 120
            regnet_y_3_2gf, 21, 80, 42.63, 2.66, 24
            """)
    void generatedNetworksAreValid(String name, int d, int w0, double wa, double wm, int g) {
        NetworkAnalysis a =
                NetworkAnalysis.of(new RegNetDesign(d, w0, wa, wm, g, 1.0, name.contains("_y_")).graph(3, 224, 1000));
        assertThat(a.diagnostics()).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void anImpossibleDesignIsRefusedQuotingItsValues() {
        assertThatThrownBy(() -> new RegNetDesign(10, 20, 10, 2.0, 8, 1.0, false))
                .hasMessageContaining("w0=20");
    }

    private static List<Integer> ints(String s) {
        return Arrays.stream(s.split("/")).map(Integer::parseInt).toList();
    }
}
