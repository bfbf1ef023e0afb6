package org.blockscope.app.train;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.blockscope.app.explain.ExplainViewModel;
import org.blockscope.app.explain.GradientFlowViewModel;
import org.blockscope.app.inspect.FeatureMapViewModel;
import org.blockscope.app.inspect.InspectionModel;
import org.blockscope.app.inspect.ModelAccess;
import org.blockscope.app.inspect.SeWeightsViewModel;
import org.blockscope.app.model.EditorModel;
import org.blockscope.edit.Document;
import org.blockscope.engine.data.Augmentation;
import org.blockscope.engine.run.DataSpec;
import org.blockscope.engine.run.TrainingRun;
import org.blockscope.engine.train.TrainingEvent;
import org.blockscope.graph.Graph;
import org.blockscope.templates.Templates;

/**
 * Does watching cost training speed? Trains a network headless for a fixed number of iterations
 * twice: bare (a TrainingRun and its trainer) and with everything the workspace attaches (the
 * TrainingRunsViewModel's event inbox drained every 100 ms into the metrics and chart series, the
 * ModelAccess hook sampling the selected node's feature maps, the first filters and the SE gates every
 * 500 ms, the Grad-CAM of the "where it looks" view sampled likewise, and the gradient-flow listener). A single-thread executor stands in for the FX thread. Reports images/s and the ratio
 * (best of two runs each, after a warm-up; on a shared machine the spread between identical runs is large).
 *
 * <p>Run: {@code java -cp target/classes:$(cat cp.txt) org.blockscope.app.train.LiveViewBench [iterations]}
 */
public final class LiveViewBench {

    private LiveViewBench() {}

    public static void main(String[] args) throws Exception {
        int lenetIters = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int resnetIters = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        System.out.println("network      iterations   bare img/s   with live views img/s   ratio");
        bench("lenet5", "c1", Path.of("sample-images/digits"), lenetIters, 64);
        bench("resnet20", "stage1_0", Path.of("sample-images/colour32"), resnetIters, 32);
        System.exit(0);
    }

    private static void bench(String template, String node, Path data, int iterations, int batch) throws Exception {
        Graph g = Templates.graph(template);
        TrainingSettings s = new TrainingSettings(
                TrainingSettings.Optimiser.ADAM,
                0.001,
                TrainingSettings.LrSchedule.CONSTANT,
                batch,
                1000,
                0.2,
                1,
                false);
        bare(g, data, s, Math.max(10, iterations / 4)); // warm-up (JIT, native libraries)
        double bare1 = bare(g, data, s, iterations);
        double live1 = live(g, node, data, s, iterations);
        double bare2 = bare(g, data, s, iterations);
        double live2 = live(g, node, data, s, iterations);
        double bareBest = Math.max(bare1, bare2);
        double liveBest = Math.max(live1, live2);
        System.out.printf(
                Locale.ROOT,
                "%-12s %10d   %10.0f   %21.0f   %5.1f%%   (runs: %.0f/%.0f bare, %.0f/%.0f live)%n",
                template,
                iterations,
                bareBest,
                liveBest,
                100 * liveBest / bareBest,
                bare1,
                bare2,
                live1,
                live2);
    }

    /** Images per second between iteration 5 and {@code n}, then stops the run. */
    private static Consumer<TrainingEvent> meter(
            int n, int batch, AtomicLong t0, AtomicLong t1, CountDownLatch done, Runnable stop) {
        return e -> {
            if (e instanceof TrainingEvent.IterationDone it) {
                if (it.iteration() == 5) {
                    t0.set(System.nanoTime());
                } else if (it.iteration() == n + 5) {
                    t1.set(System.nanoTime());
                    stop.run();
                    done.countDown();
                }
            }
        };
    }

    private static double bare(Graph g, Path data, TrainingSettings s, int n) throws Exception {
        TrainingRun run = TrainingRun.prepare(
                g,
                DataSpec.detect(data, null),
                new TrainingRun.Settings(s.toConfig(), s.valFraction(), Augmentation.NONE));
        AtomicLong t0 = new AtomicLong();
        AtomicLong t1 = new AtomicLong();
        CountDownLatch done = new CountDownLatch(1);
        run.trainer().addListener(meter(n, s.batchSize(), t0, t1, done, run.trainer()::stop));
        run.trainer().start();
        done.await();
        run.trainer().join();
        return n * s.batchSize() / ((t1.get() - t0.get()) / 1e9);
    }

    private static double live(Graph g, String node, Path data, TrainingSettings s, int n) throws Exception {
        ExecutorService fx = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fake-fx");
            t.setDaemon(true);
            return t;
        });
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "fake-pulse");
            t.setDaemon(true);
            return t;
        });
        AtomicLong t0 = new AtomicLong();
        AtomicLong t1 = new AtomicLong();
        CountDownLatch done = new CountDownLatch(1);
        Object[] holder = new Object[6];
        fx.submit(() -> {
                    EditorModel editor = new EditorModel(new Document(g), fx, false);
                    ModelAccess access = new ModelAccess(fx, 500);
                    InspectionModel inspection = new InspectionModel(editor, access, Path.of("sample-images"));
                    Training t = Training.create(editor, access, fx, Path.of("sample-images"), System::nanoTime);
                    TrainingRunsViewModel vm = t.runs();
                    vm.onRunStarting(inspection::runStarting);
                    vm.onRunStarted(inspection::runStarted);
                    vm.onRunEnded(inspection::runEnded);
                    FeatureMapViewModel maps = new FeatureMapViewModel(inspection);
                    SeWeightsViewModel se = new SeWeightsViewModel(inspection);
                    // issue 17: Grad-CAM of the last feature map sampled live, gradient flow of the run
                    ExplainViewModel explain = new ExplainViewModel(inspection);
                    GradientFlowViewModel flow = new GradientFlowViewModel(fx);
                    vm.onRunStarting(run -> flow.attach(run, "run"));
                    vm.list().chartRevisionProperty().addListener((o, a, b) -> { // what the charts compute per redraw
                        ChartData.iterationLoss(vm.list().runs());
                        ChartData.epochAccuracy(vm.list().runs());
                        ChartData.epochLoss(vm.list().runs());
                        ChartData.learningRate(vm.list().runs());
                    });
                    t.data().chooseData(data);
                    t.settings().optimiserProperty().set(s.optimiser());
                    t.settings().batchSizeProperty().set(s.batchSize());
                    t.settings().epochsProperty().set(s.epochs());
                    editor.select(node);
                    vm.onRunStarting(run ->
                            run.trainer().addListener(meter(n, s.batchSize(), t0, t1, done, run.trainer()::stop)));
                    holder[0] = t;
                    holder[1] = access;
                    holder[2] = maps;
                    holder[3] = se;
                    holder[4] = explain;
                    holder[5] = flow;
                })
                .get();
        Training training = (Training) holder[0];
        TrainingRunsViewModel vm = training.runs();
        // wait for the data preview (as a user would before pressing Start)
        for (int i = 0; i < 600 && !fx.submit(() -> vm.canStartProperty().get()).get(); i++) {
            Thread.sleep(50);
        }
        fx.submit(vm::start).get();
        timer.scheduleAtFixedRate(() -> fx.execute(vm::pump), 100, 100, TimeUnit.MILLISECONDS);
        done.await();
        timer.shutdownNow();
        TrainingRunRecord r = fx.submit(() -> vm.list().runs().get(0)).get();
        r.run().trainer().join();
        fx.submit(() -> {
                    training.shutdown();
                    ((ModelAccess) holder[1]).shutdown();
                })
                .get();
        // the fake FX thread is a daemon and stays up: late deliveries from the inspect worker must not be rejected
        return n * s.batchSize() / ((t1.get() - t0.get()) / 1e9);
    }
}
