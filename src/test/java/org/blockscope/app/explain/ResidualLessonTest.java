package org.blockscope.app.explain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.blockscope.engine.data.Augmentation;
import org.blockscope.engine.explain.FlowSnapshot;
import org.blockscope.engine.explain.GradientFlow;
import org.blockscope.engine.run.DataSpec;
import org.blockscope.engine.run.TrainingRun;
import org.blockscope.engine.train.TrainingEvent;
import org.blockscope.templates.Templates;
import org.junit.jupiter.api.Test;

/**
 * The numbers the lesson "Why residual connections help" (resources/lessons/residual.md) tells a class to
 * look for, measured with the product's own code: the app's training settings (Adam, lr 0.001, batch 64,
 * seed 1), its trainer and its {@link GradientFlow} listener on the bundled digits. If a change to the
 * engine, the initialisation or the templates makes the lesson wrong, this fails.
 */
class ResidualLessonTest {

    /** What a short run recorded: the gradient flow (every iteration but the first) and the loss per iteration. */
    record Measured(FlowSnapshot flow, List<Double> losses) {

        /** ‖∂L/∂W‖ of the first conv over that of the last 3×3 conv (before the classifier), median over samples. */
        double firstToLastConv() {
            List<FlowSnapshot.Layer> l = flow.layers();
            int first = 0;
            int last = l.size() - 2;
            while (!l.get(last).path().endsWith("conv2")) {
                last--;
            }
            double[] r = new double[flow.samples().size()];
            for (int j = 0; j < r.length; j++) {
                float[] g = flow.samples().get(j).gradientNorm();
                r[j] = g[first] / (double) g[last];
            }
            Arrays.sort(r);
            return r[r.length / 2];
        }

        /** The ratio the Gradients view prints: first layer over last layer (the classifier). */
        double viewRatio() {
            return FlowSeries.firstToLast(flow, GradientFlowViewModel.Metric.GRADIENT_NORM);
        }

        double meanLoss(int from, int to) {
            return losses.subList(from, to).stream()
                    .mapToDouble(Double::doubleValue)
                    .average()
                    .orElseThrow();
        }

        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT,
                    "first/last conv %.3g, view ratio %.3g, losses %s",
                    firstToLastConv(),
                    viewRatio(),
                    losses.stream()
                            .map(v -> String.format(Locale.ROOT, "%.2f", v))
                            .toList());
        }
    }

    /** Trains {@code template} on the digits for {@code iterations} iterations as the app's Training tab does. */
    static Measured train(String template, int iterations, long seed) throws Exception {
        var settings = new org.blockscope.app.train.TrainingSettings(
                org.blockscope.app.train.TrainingSettings.Optimiser.ADAM,
                0.001,
                org.blockscope.app.train.TrainingSettings.LrSchedule.CONSTANT,
                64,
                1,
                0.2,
                seed,
                false);
        TrainingRun run = TrainingRun.prepare(
                Templates.graph(template),
                DataSpec.detect(Path.of("sample-images/digits"), null),
                new TrainingRun.Settings(settings.toConfig(), settings.valFraction(), Augmentation.NONE));
        GradientFlow flow = new GradientFlow(run.model(), 0);
        List<Double> losses = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        run.trainer().addListener(e -> {
            if (e instanceof TrainingEvent.IterationDone it) {
                losses.add(it.loss());
                if (losses.size() == iterations) {
                    run.trainer().stop();
                }
            } else if (e instanceof TrainingEvent.Failed f) {
                failed.add(f.reason());
            }
        });
        flow.start();
        run.trainer().addListener(flow);
        run.trainer().start();
        run.trainer().join();
        assertThat(failed).as(template).isEmpty();
        assertThat(losses).as(template).hasSize(iterations);
        return new Measured(flow.snapshot(), List.copyOf(losses));
    }

    @Test
    void theLessonComparesTheNetsMeasuredHere() {
        var lesson = org.blockscope.app.model.Lessons.fromClasspath().stream()
                .filter(l -> l.id().equals("residual"))
                .findFirst()
                .orElseThrow();
        assertThat(lesson.template()).isEqualTo("plain20");
        assertThat(lesson.compare()).contains("resnet20");
        assertThat(lesson.text()).contains("Plain-56 (no shortcuts)", "ResNet-56 (CIFAR)");
        assertThat(Templates.byId("plain56").orElseThrow().title()).isEqualTo("Plain-56 (no shortcuts)");
        assertThat(Templates.byId("resnet56").orElseThrow().title()).isEqualTo("ResNet-56 (CIFAR)");
    }

    @Test
    void plain20sGradientsGrowTowardsTheInputAndResNet20sStayLevelAndItLearnsFaster() throws Exception {
        Measured plain = train("plain20", 20, 1);
        Measured res = train("resnet20", 20, 1);
        String both = "Plain-20: " + plain + "\nResNet-20: " + res;

        // the heat strip: Plain-20's first conv gets several times the gradient of its last conv
        assertThat(plain.firstToLastConv()).as(both).isGreaterThan(3);
        // ResNet-20's convs get gradients of the same size at both ends
        assertThat(res.firstToLastConv()).as(both).isBetween(0.5, 2.0);
        // the line above the charts: above 1 for Plain-20, below 1 for ResNet-20 (its classifier's is largest)
        assertThat(plain.viewRatio()).as(both).isBetween(1.5, 5.0);
        assertThat(res.viewRatio()).as(both).isLessThan(0.8);
        // the loss: ResNet-20 starts higher, and is well below Plain-20 by iterations 15-20
        assertThat(res.meanLoss(0, 5)).as(both).isGreaterThan(plain.meanLoss(0, 5));
        assertThat(res.meanLoss(15, 20)).as(both).isLessThan(plain.meanLoss(15, 20) - 0.2);
    }

    @Test
    void at56LayersThePlainNetsGradientsExplodeTowardsTheInput() throws Exception {
        Measured plain = train("plain56", 3, 1);
        Measured res = train("resnet56", 3, 1);
        String both = "Plain-56: " + plain + "\nResNet-56: " + res;

        // the heat strip spans about three decades in Plain-56, a few times in ResNet-56
        assertThat(plain.firstToLastConv()).as(both).isGreaterThan(300);
        assertThat(res.firstToLastConv()).as(both).isBetween(1.0, 20.0);
        // the ratio line: in the hundreds, below 1
        assertThat(plain.viewRatio()).as(both).isGreaterThan(100);
        assertThat(res.viewRatio()).as(both).isLessThan(1);
    }
}
