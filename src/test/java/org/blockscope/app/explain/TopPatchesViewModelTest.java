package org.blockscope.app.explain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.blockscope.app.inspect.InspectionModel;
import org.blockscope.app.inspect.ModelAccess;
import org.blockscope.app.model.EditorModel;
import org.blockscope.edit.Document;
import org.blockscope.engine.data.Augmentation;
import org.blockscope.engine.data.Dataset;
import org.blockscope.engine.explain.TopPatches;
import org.blockscope.engine.run.DataSpec;
import org.blockscope.engine.run.TrainingRun;
import org.blockscope.engine.train.TrainingConfig;
import org.blockscope.templates.Templates;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Top-k patches are searched in the background, cancellable, and kept per trained run and node (issue 17,
 * item 4): the searches are counted through the view-model's search function, the UI thread is a queue
 * drained by the test.
 */
class TopPatchesViewModelTest {

    private static TrainingRun run1;
    private static TrainingRun run2;

    @BeforeAll
    static void runs() throws Exception {
        run1 = lenetRun(1);
        run2 = lenetRun(2);
    }

    private static TrainingRun lenetRun(long seed) throws Exception {
        return TrainingRun.prepare(
                Templates.graph("lenet5"),
                DataSpec.detect(Path.of("sample-images/digits"), null),
                new TrainingRun.Settings(TrainingConfig.adam(0.001, 32, 1).withSeed(seed), 0.2, Augmentation.NONE));
    }

    /** The UI thread: everything posted to it runs on the test thread, in order, when drained. */
    static final class UiQueue implements Executor {
        private final Queue<Runnable> queue = new ConcurrentLinkedQueue<>();

        @Override
        public void execute(Runnable r) {
            queue.add(r);
        }

        void drain() {
            for (Runnable r; (r = queue.poll()) != null; ) {
                r.run();
            }
        }

        void waitFor(BooleanSupplier c) throws InterruptedException {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            drain();
            while (!c.getAsBoolean()) {
                if (System.nanoTime() > end) {
                    throw new AssertionError("timed out");
                }
                Thread.sleep(10);
                drain();
            }
        }
    }

    /** One search the view-model asked for. */
    record Call(Dataset data, String path) {}

    /** The real search, counted. */
    static final class Counting implements TopPatchesViewModel.Search {
        final List<Call> calls = new CopyOnWriteArrayList<>();

        @Override
        public TopPatches run(
                org.blockscope.engine.compile.Model m,
                Dataset data,
                org.blockscope.engine.data.Normalization normalization,
                String path,
                int k,
                int batchSize,
                BooleanSupplier cancelled,
                java.util.function.IntConsumer progress) {
            calls.add(new Call(data, path));
            return TopPatches.compute(m, data, normalization, path, k, batchSize, cancelled, progress);
        }
    }

    private final UiQueue ui = new UiQueue();

    private InspectionModel inspection() {
        EditorModel editor = new EditorModel(new Document(Templates.graph("lenet5")), ui, false);
        InspectionModel inspection = new InspectionModel(editor, new ModelAccess(ui, 500), Path.of("sample-images"));
        ended(inspection, run1);
        return inspection;
    }

    /** The run trained and ended: the inspection looks at its weights (not live). */
    private void ended(InspectionModel inspection, TrainingRun run) {
        inspection.runStarting(run);
        inspection.runEnded(run);
        ui.drain();
        assertThat(inspection.target().fixed()).isSameAs(run.model());
        assertThat(inspection.target().live()).isFalse();
    }

    private TopPatches found(TopPatchesViewModel vm) throws InterruptedException {
        ui.waitFor(
                () -> vm.resultProperty().get() != null && !vm.runningProperty().get());
        return vm.resultProperty().get();
    }

    @Test
    void theSameRunAndNodeAreSearchedOnceAndShownAgainFromWhatWasKept() throws Exception {
        Counting search = new Counting();
        TopPatchesViewModel vm = new TopPatchesViewModel(inspection(), ui, search);
        vm.nodeProperty().set("c3");
        vm.find();
        TopPatches c3 = found(vm);
        assertThat(search.calls).containsExactly(new Call(run1.data().split().validation(), "c3"));
        // what is shown is the search on the run's weights and validation images
        TopPatches direct = TopPatches.compute(
                run1.model(),
                run1.data().split().validation(),
                run1.data().normalization(),
                "c3",
                TopPatchesViewModel.K,
                64,
                () -> false,
                i -> {});
        assertThat(c3.channels()).hasSize(16);
        for (int c = 0; c < 16; c++) {
            assertThat(c3.channels().get(c).patches())
                    .extracting(TopPatches.Patch::image)
                    .containsExactlyElementsOf(direct.channels().get(c).patches().stream()
                            .map(TopPatches.Patch::image)
                            .toList());
        }

        vm.find(); // asked again: answered from what was kept, at once
        ui.drain();
        assertThat(vm.resultProperty().get()).isSameAs(c3);
        assertThat(vm.runningProperty().get()).isFalse();
        assertThat(search.calls).hasSize(1);

        vm.nodeProperty().set("c1"); // another node: nothing kept yet
        assertThat(vm.resultProperty().get()).isNull();
        vm.find();
        TopPatches c1 = found(vm);
        assertThat(c1.path()).isEqualTo("c1");
        assertThat(search.calls).hasSize(2);
        vm.nodeProperty().set("c3"); // back: shown without a search
        assertThat(vm.resultProperty().get()).isSameAs(c3);
        vm.find();
        ui.drain();
        assertThat(search.calls).hasSize(2);
        vm.shutdown();
    }

    @Test
    void aNewRunAndARunTrainedFurtherAreSearchedAgain() throws Exception {
        Counting search = new Counting();
        InspectionModel inspection = inspection();
        TopPatchesViewModel vm = new TopPatchesViewModel(inspection, ui, search);
        vm.nodeProperty().set("c3");
        vm.find();
        TopPatches before = found(vm);
        assertThat(search.calls).hasSize(1);

        // the run trains: its weights change, nothing is kept for them, every Find searches
        inspection.runStarting(run1);
        inspection.runStarted(run1);
        ui.drain();
        assertThat(inspection.target().live()).isTrue();
        assertThat(vm.resultProperty().get()).isNull();
        vm.find();
        found(vm);
        vm.find();
        ui.waitFor(() -> search.calls.size() == 3 && !vm.runningProperty().get());
        // ended again: the patches found before it trained further are not shown
        ended(inspection, run1);
        assertThat(vm.resultProperty().get()).isNull();
        vm.find();
        TopPatches after = found(vm);
        assertThat(after).isNotSameAs(before);
        assertThat(search.calls).hasSize(4);

        // another run: searched on its own validation images
        ended(inspection, run2);
        assertThat(vm.resultProperty().get()).isNull();
        vm.find();
        found(vm);
        assertThat(search.calls).hasSize(5);
        assertThat(search.calls.get(4).data()).isSameAs(run2.data().split().validation());
        assertThat(run2.data().split().validation())
                .isNotSameAs(run1.data().split().validation());
        vm.find();
        ui.drain();
        assertThat(search.calls).hasSize(5);
        vm.shutdown();
    }

    @Test
    void cancelStopsTheSearchAndLeavesNoResult() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        List<Call> calls = new CopyOnWriteArrayList<>();
        TopPatchesViewModel.Search blocking = (m, data, norm, path, k, batch, cancelled, progress) -> {
            calls.add(new Call(data, path));
            started.countDown();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < end) {
                if (cancelled.getAsBoolean()) {
                    stopped.countDown();
                    throw new CancellationException();
                }
                Thread.onSpinWait();
            }
            return TopPatches.compute(m, data, norm, path, k, batch, () -> false, progress);
        };
        TopPatchesViewModel vm = new TopPatchesViewModel(inspection(), ui, blocking);
        vm.nodeProperty().set("c3");
        vm.find();
        ui.waitFor(() -> started.getCount() == 0);
        assertThat(vm.runningProperty().get()).isTrue();

        vm.cancel();
        assertThat(stopped.await(10, TimeUnit.SECONDS))
                .as("the search saw the cancel")
                .isTrue();
        Thread.sleep(300); // the search's last word reaches the UI queue
        ui.drain();
        assertThat(vm.runningProperty().get()).isFalse();
        assertThat(vm.resultProperty().get()).isNull();
        assertThat(vm.messageProperty().get()).isEqualTo("Cancelled.");

        // nothing was kept: Find searches again (this one is stopped by shutdown)
        vm.find();
        ui.waitFor(() -> calls.size() == 2);
        assertThat(vm.runningProperty().get()).isTrue();
        vm.shutdown();
    }

    @Test
    void aSearchThatFinishesAfterCancelIsNeitherShownNorKept() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch returned = new CountDownLatch(1);
        List<Call> calls = new CopyOnWriteArrayList<>();
        TopPatchesViewModel.Search late = (m, data, norm, path, k, batch, cancelled, progress) -> {
            calls.add(new Call(data, path));
            started.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            // the cancel came after the last check between batches: the search completes anyway
            TopPatches top = TopPatches.compute(m, data, norm, path, k, batch, () -> false, progress);
            returned.countDown();
            return top;
        };
        TopPatchesViewModel vm = new TopPatchesViewModel(inspection(), ui, late);
        vm.nodeProperty().set("c3");
        vm.find();
        ui.waitFor(() -> started.getCount() == 0);
        vm.cancel();
        release.countDown();
        assertThat(returned.await(30, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(300); // the search's last word reaches the UI queue
        ui.drain();
        assertThat(vm.resultProperty().get()).isNull();
        assertThat(vm.runningProperty().get()).isFalse();
        assertThat(vm.messageProperty().get()).isEqualTo("Cancelled.");
        // not kept either: Find searches again
        vm.find();
        ui.waitFor(() -> calls.size() == 2);
        TopPatches top = found(vm);
        assertThat(top.path()).isEqualTo("c3");
        vm.shutdown();
    }
}
