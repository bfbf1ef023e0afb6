package org.blockscope.app.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.blockscope.analysis.NetworkAnalysis;
import org.blockscope.analysis.NodeStats;
import org.blockscope.analysis.Numbers;
import org.blockscope.app.train.TrainingSettings;
import org.blockscope.graph.Graph;
import org.blockscope.templates.Templates;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The tutorial (in the app and in README) quotes numbers a student will check on the screen: each
 * one is what the app shows for ResNet-20 with the default settings and the bundled digits.
 */
class TutorialNumbersTest {

    private static final Graph RESNET20 = Templates.graph("resnet20");
    private static final NetworkAnalysis A = NetworkAnalysis.of(RESNET20);

    /** README's tutorial section, or the whole tutorial file. */
    private static String text(String source) throws IOException {
        if (source.equals("resources/tutorial.md")) {
            return Files.readString(Path.of(source));
        }
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf("## A five-minute tutorial");
        assertThat(start).as("README has the tutorial").isNotNegative();
        int end = readme.indexOf("\n## ", start + 5);
        return readme.substring(start, end < 0 ? readme.length() : end);
    }

    private static String only(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text.replaceAll("\\s+", " "));
        assertThat(m.find()).as("the tutorial says /%s/", regex).isTrue();
        String found = m.group(1);
        while (m.find()) {
            assertThat(m.group(1)).as("every mention of /%s/", regex).isEqualTo(found);
        }
        return found;
    }

    private static NodeStats node(String name) {
        return A.node(name).orElseThrow();
    }

    @ParameterizedTest
    @ValueSource(strings = {"resources/tutorial.md", "README.md"})
    void everyNumberTheTutorialQuotesIsWhatTheAppShows(String source) throws IOException {
        String t = text(source);
        assertThat(only(t, "(\\d[\\d.]* K) parameters"))
                .isEqualTo(Numbers.compact(A.total().params()));
        assertThat(only(t, "(\\d[\\d.]* M) MACs"))
                .isEqualTo(Numbers.compact(A.total().macs()));
        assertThat(Double.parseDouble(only(t, "learning rate (\\d+\\.\\d+)")))
                .isEqualTo(TrainingSettings.defaults().learningRate());
        assertThat(Integer.parseInt(only(t, "SE ratio (\\d+)")))
                .isEqualTo(RESNET20.node("stage3_0").params().getInt("seRatio"));
        String shape = only(t, "`(\\d+×\\d+×\\d+)`");
        assertThat(A.nodeStats().stream().map(s -> s.output().toString())).contains(shape);
        assertThat(t).contains("*stage1_0*", "*stage3_0*");
        assertThat(RESNET20.contains("stage1_0") && RESNET20.contains("stage3_0"))
                .isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"resources/tutorial.md"})
    void theDataAndTheFeatureMapsAreAsDescribed(String source) throws IOException {
        String t = text(source);
        long digits;
        try (Stream<Path> files = Files.walk(Path.of("sample-images", "digits", "train"))) {
            digits = files.filter(Files::isRegularFile).count();
        }
        assertThat(Integer.parseInt(only(t, "\\((\\d[\\d,]*) MNIST digits").replace(",", "")))
                .isEqualTo(digits);
        assertThat(only(t, "network's (\\d+×\\d+×\\d+) input"))
                .isEqualTo(node("input").output().toString());
        assertThat(Integer.parseInt(only(t, "one of its (\\d+) channels")))
                .isEqualTo(node("stage1_0").output().channels());
        Matcher m = Pattern.compile("(\\d+) coarse (\\d+×\\d+) maps").matcher(t);
        assertThat(m.find()).isTrue();
        var s = node("stage3_2").output();
        assertThat(List.of(m.group(1), m.group(2))).containsExactly("" + s.channels(), s.height() + "×" + s.width());
    }
}
