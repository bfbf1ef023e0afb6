package org.blockscope.engine.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.blockscope.engine.backend.Workers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The benchmark tools run end to end on a small net (figures are not checked: benchmarks, not tests). */
class BenchToolsTest {
    @Test
    void engineBenchReportsBothSpeedsAndMemory() {
        StringWriter s = new StringWriter();
        List<EngineBench.Result> r = EngineBench.run(List.of("lenet5"), 4, 0, 1, true, new PrintWriter(s, true));
        assertThat(r).singleElement().satisfies(x -> {
            assertThat(x.trainImagesPerSecond()).isPositive();
            assertThat(x.inferenceImagesPerSecond()).isPositive();
            assertThat(x.peakOffHeapBytes()).isPositive();
            assertThat(x.peakResidentBytes()).isGreaterThanOrEqualTo(x.peakOffHeapBytes() / 2);
            assertThat(x.warmupIterations()).isEqualTo(Warmup.MIN_ITERATIONS); // no time given: the minimum
            assertThat(x.trainProfileMs()).containsKeys("CONV2D", "FULLY_CONNECTED");
        });
        assertThat(s.toString()).contains("lenet5", "img/s", "CONV2D", "peak RSS", "RESULT lenet5 4 ");
    }

    @Test
    void warmupEndsWhenTheMedianOfTheLastIterationsStopsMoving() {
        List<Double> jit = new java.util.ArrayList<>();
        for (double t : new double[] {300, 250, 220, 200, 190, 180, 150, 140, 130, 120}) {
            jit.add(t); // still getting faster: the last five's median (130) is 30 % below the five before
        }
        assertThat(Warmup.settled(jit)).isFalse();
        for (double t : new double[] {121, 119, 125, 118, 120}) {
            jit.add(t); // median 120 against 130 before: 8 % apart
        }
        assertThat(Warmup.settled(jit)).isFalse();
        for (double t : new double[] {119, 140, 118, 121, 122}) {
            jit.add(t); // median 121 against 120 (one slow outlier does not matter)
        }
        assertThat(Warmup.settled(jit)).isTrue();
        assertThat(Warmup.settled(jit.subList(0, 9)))
                .as("fewer than two windows")
                .isFalse();
    }

    @ParameterizedTest
    @EnumSource(AbBench.Setting.class)
    void abBenchComparesASettingAndRestoresTheDefaults(AbBench.Setting setting) {
        int threads = Workers.threadCount();
        boolean oneDnn = org.blockscope.engine.backend.OneDnn.available();
        AbBench.Result r = AbBench.run("lenet5", setting, 4, 0, 1);
        assertThat(r.trainA()).isPositive();
        assertThat(r.trainB()).isPositive();
        assertThat(r.inferA()).isPositive();
        assertThat(r.inferB()).isPositive();
        assertThat(r.toString()).contains("lenet5", setting.name().toLowerCase().replace('_', '-'), "B/A");
        assertThat(Workers.threadCount()).isEqualTo(threads);
        assertThat(org.blockscope.engine.backend.OneDnn.available()).isEqualTo(oneDnn);
    }
}
