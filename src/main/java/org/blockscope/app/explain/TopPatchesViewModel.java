package org.blockscope.app.explain;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.blockscope.app.inspect.InspectionModel;
import org.blockscope.app.inspect.Mailbox;
import org.blockscope.engine.compile.Model;
import org.blockscope.engine.data.Dataset;
import org.blockscope.engine.data.Normalization;
import org.blockscope.engine.explain.ModelCopy;
import org.blockscope.engine.explain.TopPatches;
import org.blockscope.primitive.PrimitiveNode;

/**
 * What each channel of a node responds to: its top {@value #K} patches over the validation set of the run
 * looked at. The search runs in the background on a private copy of the weights (taken between two
 * training iterations if the run is live), reports its progress, can be cancelled, and its results are
 * kept per trained run and node (not for a live run, whose weights change): asked again, a kept result is
 * shown without searching. A result for a run or node no longer shown, or cancelled, is dropped.
 */
public final class TopPatchesViewModel {

    public static final int K = 9;
    private static final String KEY = "top-patches-weights";

    /** The search ({@link TopPatches#compute}); tests count or hold it. */
    @FunctionalInterface
    interface Search {
        TopPatches run(
                Model m,
                Dataset data,
                Normalization normalization,
                String path,
                int k,
                int batchSize,
                BooleanSupplier cancelled,
                IntConsumer progress);
    }

    private final InspectionModel inspection;
    private final Search search;
    private final java.util.concurrent.Executor ui;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "blockscope-top-patches");
        t.setDaemon(true);
        return t;
    });
    private final ObservableList<String> nodes = FXCollections.observableArrayList();
    private final ObjectProperty<String> node = new SimpleObjectProperty<>(this, "node");
    private final ReadOnlyObjectWrapper<TopPatches> result = new ReadOnlyObjectWrapper<>(this, "result");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", 0);
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    /** Per trained model (weakly: a run forgotten takes its patches with it), per node. */
    private final Map<Model, Map<String, TopPatches>> cache = new WeakHashMap<>();

    private AtomicBoolean cancel = new AtomicBoolean();
    private long ticket;

    /** @param ui runs results on the UI thread (Platform::runLater; tests: Runnable::run) */
    public TopPatchesViewModel(InspectionModel inspection, java.util.concurrent.Executor ui) {
        this(inspection, ui, TopPatches::compute);
    }

    TopPatchesViewModel(InspectionModel inspection, java.util.concurrent.Executor ui, Search search) {
        this.inspection = inspection;
        this.ui = ui;
        this.search = search;
        inspection.targetProperty().addListener((o, a, b) -> retarget());
        node.addListener((o, a, b) -> showCached());
        retarget();
    }

    public ObservableList<String> nodes() {
        return nodes;
    }

    public ObjectProperty<String> nodeProperty() {
        return node;
    }

    public ReadOnlyObjectProperty<TopPatches> resultProperty() {
        return result.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    private void retarget() {
        cancel();
        InspectionModel.Target t = inspection.target();
        if (t != null && t.live()) {
            cache.remove(t.fixed()); // its weights change: what was found for them before is stale
        }
        List<String> found = t == null ? List.of() : ExplainViewModel.mapNodes(t.expanded());
        if (!nodes.equals(found)) {
            nodes.setAll(found);
        }
        if (node.get() == null || !found.contains(node.get())) {
            node.set(found.isEmpty() ? null : found.get(found.size() - 1));
        }
        showCached();
    }

    private void showCached() {
        InspectionModel.Target t = inspection.target();
        TopPatches cached = cached(t, node.get());
        result.set(cached);
        if (cached != null) {
            message.set("");
        } else if (!running.get()) {
            message.set(why(t));
        }
    }

    /** The result kept for {@code n} of a trained (not live) target, or null. */
    private TopPatches cached(InspectionModel.Target t, String n) {
        return t == null || t.live() || t.fixed() == null
                ? null
                : cache.getOrDefault(t.fixed(), Map.of()).get(n);
    }

    private static String why(InspectionModel.Target t) {
        if (t == null || t.validation() == null) {
            return "Top patches come from the validation images of a trained run: train one first.";
        }
        return "Press Find to search the " + t.validation().size() + " validation images (runs in the background).";
    }

    /** Starts the search for the node shown (cancelling one in progress). */
    public void find() {
        InspectionModel.Target t = inspection.target();
        String n = node.get();
        if (t == null || t.validation() == null || n == null) {
            message.set(why(t));
            return;
        }
        cancel();
        TopPatches cached = cached(t, n);
        if (cached != null) {
            result.set(cached);
            message.set("");
            return;
        }
        AtomicBoolean stop = new AtomicBoolean();
        cancel = stop;
        long mine = ++ticket;
        String path = t.expanded().outputOf(n).map(PrimitiveNode::path).orElseThrow();
        running.set(true);
        progress.set(0);
        message.set("Copying the weights…");
        Mailbox<Double> done = new Mailbox<>(ui, d -> {
            if (mine == ticket) {
                progress.set(d);
            }
        });
        int images = t.validation().size();
        inspection.inspect(
                KEY,
                (m, probe, target) -> ModelCopy.of(m),
                copy -> {
                    if (mine != ticket) {
                        return;
                    }
                    message.set("Running " + images + " validation images through a copy of the network…");
                    worker.execute(() -> searchInBackground(copy, t, n, path, stop, mine, done));
                },
                e -> fail(mine, e.getMessage()));
    }

    private void searchInBackground(
            ModelCopy copy,
            InspectionModel.Target t,
            String n,
            String path,
            AtomicBoolean stop,
            long mine,
            Mailbox<Double> done) {
        try {
            TopPatches top = search.run(
                    copy.model(),
                    t.validation(),
                    t.normalization(),
                    path,
                    K,
                    64,
                    stop::get,
                    i -> done.post(i / (double) t.validation().size()));
            ui.execute(() -> {
                if (mine != ticket) {
                    return; // cancelled, or another search started: stale
                }
                running.set(false);
                progress.set(1);
                if (!t.live() && t.fixed() != null) {
                    cache.computeIfAbsent(t.fixed(), k -> new HashMap<>()).put(n, top);
                }
                message.set("");
                if (n.equals(node.get()) && t == inspection.target()) {
                    result.set(top);
                }
            });
        } catch (CancellationException e) {
            ui.execute(() -> {
                if (mine == ticket) {
                    running.set(false);
                    message.set("Cancelled.");
                }
            });
        } catch (RuntimeException e) {
            ui.execute(() -> fail(mine, e.getMessage()));
        }
    }

    private void fail(long mine, String why) {
        if (mine == ticket) {
            running.set(false);
            message.set(why);
        }
    }

    public void cancel() {
        cancel.set(true);
        if (running.get()) {
            ticket++;
            running.set(false);
            message.set("Cancelled.");
        }
    }

    public void shutdown() {
        cancel.set(true);
        worker.shutdownNow();
    }
}
