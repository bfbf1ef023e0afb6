package org.blockscope.app.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.blockscope.app.inspect.InspectionModel;
import org.blockscope.app.inspect.ModelAccess;
import org.blockscope.app.inspect.ProbeImage;
import org.blockscope.app.model.EditorModel;
import org.blockscope.edit.Document;
import org.blockscope.engine.compile.Compiler;
import org.blockscope.engine.compile.Model;
import org.blockscope.engine.data.Augmentation;
import org.blockscope.engine.explain.FlowSnapshot;
import org.blockscope.engine.explain.GradCam;
import org.blockscope.engine.explain.Heatmap;
import org.blockscope.engine.explain.ReceptiveFields;
import org.blockscope.engine.explain.Saliency;
import org.blockscope.engine.run.DataSpec;
import org.blockscope.engine.run.TrainingRun;
import org.blockscope.engine.train.TrainingConfig;
import org.blockscope.export.Predictor;
import org.blockscope.export.TrainedNetwork;
import org.blockscope.graph.Shape;
import org.blockscope.templates.Templates;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/** The view-models of issue 17 without a window: what they ask the engine and what they show. */
class ExplainViewModelsTest {

    static void waitFor(BooleanSupplier c) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!c.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out");
            }
            Thread.sleep(20);
        }
    }

    static InspectionModel lenet() {
        EditorModel editor = new EditorModel(new Document(Templates.graph("lenet5")), Runnable::run, false);
        return new InspectionModel(editor, new ModelAccess(Runnable::run, 500), Path.of("sample-images"));
    }

    @Test
    void gradCamOfTheChosenNodeAndClassOnTheUntrainedNetwork() throws Exception {
        InspectionModel inspection = lenet();
        ExplainViewModel vm = new ExplainViewModel(inspection);
        assertThat(vm.nodes()).containsExactly("c1", "c1_tanh", "s2", "c3", "c3_tanh", "s4");
        assertThat(vm.nodeProperty().get())
                .as("the last feature map before the head")
                .isEqualTo("s4");
        vm.nodeProperty().set("c3");
        vm.classProperty().set(2);
        waitFor(() -> {
            Explanation e = vm.resultProperty().get();
            return e != null && e.path().equals("c3") && e.cls() == 2;
        });
        Explanation e = vm.resultProperty().get();
        // the same numbers as Grad-CAM on the network the view looks at (untrained, seed 42), same probe
        Model m = Compiler.compile(inspection.editor().graph(), new Compiler.Options(42, DataType.FLOAT));
        ProbeImage probe = inspection.probeProperty().get();
        float[] x = probe.normalised(inspection.target().normalization());
        GradCam expected = GradCam.compute(m, x, "c3", 2);
        Heatmap onImage = expected.onImage(28, 28);
        for (int i = 0; i < onImage.values().length; i++) {
            assertThat(e.map().values()[i]).isCloseTo(onImage.values()[i], within(1e-5f));
        }
        assertThat(e.hi()).isEqualTo(expected.map().max());
        assertThat(e.nodeShape()).isEqualTo(Shape.map(16, 10, 10));
        assertThat(e.photo()).containsExactly(probe.pixels(), within(1e-6f));
        assertThat(e.title()).startsWith("Grad-CAM of 'c3' for 'class 2' (p = ");
        // receptive fields of the node shown
        assertThat(vm.receptiveField(0, 9))
                .isEqualTo(ReceptiveFields.of(m.expanded()).rect("c3", 0, 9));
        // a new probe explains the predicted class again
        inspection.probeProperty().set(new ProbeImage("blank", probe.shape(), new float[28 * 28]));
        assertThat(vm.classProperty().get()).isEqualTo(-1);
    }

    @Test
    void saliencyIsShownOnTheImageForThePredictedClass() throws Exception {
        InspectionModel inspection = lenet();
        ExplainViewModel vm = new ExplainViewModel(inspection);
        vm.methodProperty().set(ExplainViewModel.Method.SALIENCY);
        waitFor(() -> vm.resultProperty().get() != null
                && vm.resultProperty().get().method() == ExplainViewModel.Method.SALIENCY);
        Explanation e = vm.resultProperty().get();
        assertThat(e.cls()).isEqualTo(e.prediction().best());
        Model m = Compiler.compile(inspection.editor().graph(), new Compiler.Options(42, DataType.FLOAT));
        float[] x =
                inspection.probeProperty().get().normalised(inspection.target().normalization());
        assertThat(e.map().values())
                .containsExactly(Saliency.compute(m, x, e.cls()).map().values(), within(1e-6f));
        assertThat(e.overlay(0.0)).hasSize(28 * 28);
    }

    @Test
    void aDrawingIsTheShareOfInkedCellsPerPixel() {
        DrawingPad pad = new DrawingPad(4, 6, 10, 1.0);
        assertThat(pad.isEmpty()).isTrue();
        // a horizontal line along the middle of row 1, from x = 1 to x = 4 (pixel centres)
        pad.stroke(15, 15, 45, 15);
        float[] img = pad.image();
        assertThat(img).hasSize(24);
        for (int x = 1; x <= 4; x++) {
            assertThat(img[6 + x]).as("row 1, x %d", x).isGreaterThan(0.6f);
        }
        assertThat(img[6]).as("left of the line: only the round cap reaches in").isLessThan(0.45f);
        for (int x = 0; x < 6; x++) {
            assertThat(img[x]).as("row 0").isZero();
            assertThat(img[12 + x]).as("row 2").isZero();
        }
        for (float v : img) {
            assertThat(v).isBetween(0f, 1f);
        }
        pad.clear();
        assertThat(pad.image()).containsOnly(0f);
    }

    @Test
    void flowSeriesSharesOneLogScaleAndComparesTheFirstLayerWithTheLast() {
        FlowSnapshot s = new FlowSnapshot(
                List.of(
                        new FlowSnapshot.Layer("a/weight", "a", "a", 9),
                        new FlowSnapshot.Layer("b/weight", "b", "b", 9)),
                List.of(
                        new FlowSnapshot.Sample(1, 0, new float[] {0.01f, 1f}, new float[] {0.001f, 0.01f}),
                        new FlowSnapshot.Sample(2, 0, new float[] {0.02f, 1f}, new float[] {Float.NaN, 0.01f}),
                        new FlowSnapshot.Sample(3, 0, new float[] {0.04f, 2f}, new float[] {0.002f, 0.02f})),
                List.of(),
                List.of(),
                List.of());
        assertThat(FlowSeries.matrix(s, GradientFlowViewModel.Metric.GRADIENT_NORM)[0])
                .containsExactly(0.01f, 0.02f, 0.04f);
        FlowSeries.Range r = FlowSeries.range(List.of(s), GradientFlowViewModel.Metric.GRADIENT_NORM);
        assertThat(r.lo()).isEqualTo(-2.0); // log10 0.01, rounded out to half decades
        assertThat(r.hi()).isEqualTo(0.5); // log10 2 = 0.30
        assertThat(r.position(0.01)).isEqualTo(0.0);
        assertThat(r.position(0)).isNaN();
        assertThat(FlowSeries.firstToLast(s, GradientFlowViewModel.Metric.GRADIENT_NORM))
                .isCloseTo(0.02, within(1e-6));
        assertThat(FlowSeries.range(List.of(s), GradientFlowViewModel.Metric.UPDATE_RATIO)
                        .lo())
                .isEqualTo(-3.0);
    }

    @Test
    void runsAreFollowedFromTheirStartAndTheNewestIsComparedWithTheOneBefore() throws Exception {
        GradientFlowViewModel vm = new GradientFlowViewModel(Runnable::run);
        TrainingRun first = run();
        TrainingRun second = run();
        vm.attach(first, "run 1");
        assertThat(vm.runs()).hasSize(1);
        assertThat(vm.runAProperty().get().snapshot().histogramEpochs())
                .as("weights before training")
                .isEqualTo(1);
        assertThat(vm.runAProperty().get().snapshot().layers())
                .extracting(FlowSnapshot.Layer::path)
                .containsExactly("c1", "c3", "f5", "f6", "f7");
        vm.attach(second, "run 2");
        vm.name(second, "LeNet-5 again");
        assertThat(vm.runAProperty().get().toString()).isEqualTo("LeNet-5 again");
        assertThat(vm.runBProperty().get().toString()).isEqualTo("run 1");
        assertThat(vm.shown()).hasSize(1);
        vm.compareProperty().set(true);
        assertThat(vm.shown()).extracting(Object::toString).containsExactly("LeNet-5 again", "run 1");
        vm.remove(first);
        assertThat(vm.shown()).hasSize(1);
    }

    @Test
    void aConfusionCellShowsExactlyTheValidationImagesOfThatCell() throws Exception {
        TrainingRun run = run();
        ConfusionExamplesViewModel vm = new ConfusionExamplesViewModel(new ModelAccess(Runnable::run, 500));
        var val = run.data().split().validation();
        var net = TrainedNetwork.of(run.model(), run.classNames(), run.data().normalization());
        var confusion = run.evaluateValidation(32).confusion();
        // the cell with the most images off the diagonal (an untrained net confuses a lot)
        int actual = 0;
        int predicted = 1;
        for (int a = 0; a < confusion.length; a++) {
            for (int p = 0; p < confusion.length; p++) {
                if (a != p && confusion[a][p] > confusion[actual][predicted]) {
                    actual = a;
                    predicted = p;
                }
            }
        }
        int a0 = actual;
        int p0 = predicted;
        vm.show(run, "run 1", a0, p0);
        waitFor(() -> vm.cellProperty().get() != null);
        ConfusionExamplesViewModel.Cell cell = vm.cellProperty().get();
        assertThat((long) cell.count())
                .as("the matrix's count")
                .isEqualTo(confusion[a0][p0])
                .isPositive();
        // an independent reference: each validation image on its own through 'predict'
        List<Integer> expected = new java.util.ArrayList<>();
        for (int i = 0; i < val.size(); i++) {
            float[] x = val.image(i);
            for (int j = 0; j < x.length; j++) {
                x[j] = run.data()
                        .normalization()
                        .apply(x[j], j / (val.shape().height() * val.shape().width()));
            }
            var pr = Predictor.predict(net, x);
            if (val.label(i) == a0 && pr.best(0) == p0) {
                expected.add(i);
                if (expected.size() <= ConfusionExamplesViewModel.MAX) {
                    ConfusionExamplesViewModel.Example e = cell.examples().get(expected.size() - 1);
                    assertThat(e.confidence()).isCloseTo(pr.probabilities()[0][p0], within(1e-5f));
                    assertThat(e.pixels()).containsExactly(val.image(i));
                }
            }
        }
        assertThat(cell.examples())
                .extracting(ConfusionExamplesViewModel.Example::index)
                .containsExactlyElementsOf(
                        expected.subList(0, Math.min(expected.size(), ConfusionExamplesViewModel.MAX)));
        assertThat(cell.title())
                .startsWith("run 1: true '" + run.classNames().get(a0) + "' → predicted '"
                        + run.classNames().get(p0) + "', " + expected.size() + " validation image");
        // a diagonal cell, asked again: answered from the kept predictions
        vm.show(run, "run 1", a0, a0);
        assertThat(vm.cellProperty().get().count()).isEqualTo((int) confusion[a0][a0]);
    }

    static TrainingRun run() throws Exception {
        return TrainingRun.prepare(
                Templates.graph("lenet5"),
                DataSpec.detect(Path.of("sample-images/digits"), null),
                new TrainingRun.Settings(TrainingConfig.adam(0.001, 32, 1), 0.2, Augmentation.NONE));
    }
}
