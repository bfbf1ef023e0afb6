package org.blockscope.app.design;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.blockscope.analysis.Numbers;
import org.blockscope.app.model.LatestWins;
import org.blockscope.design.Candidate;
import org.blockscope.design.Counts;
import org.blockscope.design.DesignSpace;
import org.blockscope.design.NetworkSpace;
import org.blockscope.design.Plot;
import org.blockscope.design.Sampler;
import org.blockscope.design.SpaceFiles;
import org.blockscope.design.Trial;
import org.blockscope.graph.Graph;

/**
 * The design-space explorer and search: draw networks from a space under a budget (scatter of
 * params against MACs), then train each on a data folder in the background, one at a time, filling
 * the table and the accuracy-vs-MACs and error-EDF plots as they finish. Reproducible by seed.
 */
public final class SearchViewModel {

    /** One sampled network and, once trained, how it did. */
    public record Row(Candidate candidate, String status, double accuracy, double seconds) {
        public String params() {
            return Numbers.grouped(candidate.params());
        }

        public String macs() {
            return Numbers.grouped(candidate.macs());
        }

        public String accuracyText() {
            return Double.isNaN(accuracy) ? "" : String.format(Locale.ROOT, "%.4f", accuracy);
        }
    }

    private final Graph current;
    private final Executor deliver;
    private final ObjectProperty<Path> spaceFile = new SimpleObjectProperty<>(this, "spaceFile");
    private final BooleanProperty aroundCurrent = new SimpleBooleanProperty(this, "aroundCurrent", false);
    private final StringProperty budgetMacs = new SimpleStringProperty(this, "budgetMacs", "2M");
    private final StringProperty budgetParams = new SimpleStringProperty(this, "budgetParams", "");
    private final IntegerProperty samples = new SimpleIntegerProperty(this, "samples", 20);
    private final IntegerProperty seed = new SimpleIntegerProperty(this, "seed", 1);
    private final ObjectProperty<Path> data = new SimpleObjectProperty<>(this, "data");
    private final IntegerProperty epochs = new SimpleIntegerProperty(this, "epochs", 2);
    private final DoubleProperty lr = new SimpleDoubleProperty(this, "lr", 0.005);
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Plot> spacePlot = new ReadOnlyObjectWrapper<>(this, "spacePlot");
    private final ReadOnlyObjectWrapper<Plot> accuracyPlot = new ReadOnlyObjectWrapper<>(this, "accuracyPlot");
    private final ReadOnlyObjectWrapper<Plot> edfPlot = new ReadOnlyObjectWrapper<>(this, "edfPlot");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running", false);
    private final List<Trial> trials = new ArrayList<>();
    private final LatestWins<Sampler.Sample> sampler;
    private SearchRunner runner;

    public SearchViewModel(Graph current, Path spaceFile, Path data, Executor deliver) {
        this.current = current;
        this.deliver = deliver;
        this.spaceFile.set(spaceFile);
        this.data.set(data);
        this.sampler = new LatestWins<>("blockscope-sampler", deliver);
    }

    // ---- properties ----------------------------------------------------------------------------

    public ObjectProperty<Path> spaceFileProperty() {
        return spaceFile;
    }

    public BooleanProperty aroundCurrentProperty() {
        return aroundCurrent;
    }

    public StringProperty budgetMacsProperty() {
        return budgetMacs;
    }

    public StringProperty budgetParamsProperty() {
        return budgetParams;
    }

    public IntegerProperty samplesProperty() {
        return samples;
    }

    public IntegerProperty seedProperty() {
        return seed;
    }

    public ObjectProperty<Path> dataProperty() {
        return data;
    }

    public IntegerProperty epochsProperty() {
        return epochs;
    }

    public DoubleProperty lrProperty() {
        return lr;
    }

    public ObservableList<Row> rows() {
        return rows;
    }

    public ReadOnlyObjectProperty<Plot> spacePlotProperty() {
        return spacePlot.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Plot> accuracyPlotProperty() {
        return accuracyPlot.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Plot> edfPlotProperty() {
        return edfPlot.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    // ---- actions -------------------------------------------------------------------------------

    /** The space chosen: the file, or the current network with its classroom defaults free. */
    public DesignSpace space() throws SpaceFiles.SpaceFileException {
        if (aroundCurrent.get()) {
            if (current == null || current.size() == 0) {
                throw new SpaceFiles.SpaceFileException("the current network is empty: open one first");
            }
            return NetworkSpace.around("the current network", current);
        }
        if (spaceFile.get() == null) {
            throw new SpaceFiles.SpaceFileException("choose a design space (*.json)");
        }
        return SpaceFiles.read(spaceFile.get());
    }

    /** Draws the networks (in the background); the table and the scatter follow. */
    public void sample() {
        if (running.get()) {
            return;
        }
        DesignSpace space;
        Sampler.Budget budget;
        try {
            space = space();
            budget = new Sampler.Budget(
                    Counts.parse("MAC budget", budgetMacs.get()), Counts.parse("parameter budget", budgetParams.get()));
        } catch (SpaceFiles.SpaceFileException | IllegalArgumentException e) {
            message.set(e.getMessage());
            return;
        }
        int n = samples.get();
        long s = seed.get();
        message.set("Drawing " + n + " networks…");
        sampler.submit(() -> Sampler.sample(space, n, budget, s), this::showSample, e -> message.set(e.getMessage()));
    }

    private void showSample(Sampler.Sample s) {
        trials.clear();
        rows.setAll(s.candidates().stream()
                .map(c -> new Row(c, "sampled", Double.NaN, Double.NaN))
                .toList());
        spacePlot.set(Plot.paramsVsMacs(s.candidates(), s.candidates().size() + " sampled networks"));
        accuracyPlot.set(null);
        edfPlot.set(null);
        message.set(String.format(
                Locale.ROOT,
                "%d networks drawn (%d over budget, %d invalid rejected).%s",
                s.candidates().size(),
                s.overBudget(),
                s.invalid(),
                s.candidates().isEmpty() ? " Raise the budget or change the space." : ""));
    }

    /** Trains every sampled network in turn on the data folder, in the background. */
    public void search() {
        if (running.get() || rows.isEmpty()) {
            message.set(rows.isEmpty() ? "Draw networks first." : message.get());
            return;
        }
        if (data.get() == null) {
            message.set("Choose a data folder.");
            return;
        }
        DesignSpace space;
        try {
            space = space();
        } catch (SpaceFiles.SpaceFileException e) {
            message.set(e.getMessage());
            return;
        }
        trials.clear();
        List<Candidate> cs = rows.stream().map(Row::candidate).toList();
        rows.setAll(cs.stream()
                .map(c -> new Row(c, "waiting", Double.NaN, Double.NaN))
                .toList());
        running.set(true);
        message.set("Loading the data…");
        runner = new SearchRunner(cs, space.input(), data.get(), epochs.get(), lr.get(), seed.get(), deliver, this);
        runner.start();
    }

    public void cancel() {
        if (runner != null) {
            runner.cancel();
        }
    }

    /** The trained network with the best validation accuracy. */
    public Optional<Trial> best() {
        return trials.stream().filter(Trial::ok).max(Comparator.comparingDouble(Trial::accuracy));
    }

    public List<Trial> trials() {
        return List.copyOf(trials);
    }

    // ---- called by the runner, on the delivering thread ----------------------------------------

    void status(String text) {
        message.set(text);
    }

    void started(Candidate c) {
        replace(new Row(c, "training", Double.NaN, Double.NaN));
    }

    void progress(Candidate c, double fraction) {
        replace(new Row(c, String.format(Locale.ROOT, "training %.0f%%", 100 * fraction), Double.NaN, Double.NaN));
    }

    void finished(Trial t) {
        trials.add(t);
        replace(new Row(t.candidate(), t.ok() ? "done" : "failed: " + t.failure(), t.accuracy(), t.seconds()));
        accuracyPlot.set(Plot.accuracyVsMacs(trials, "accuracy vs MACs"));
        edfPlot.set(Plot.errorEdf(trials));
    }

    void ended(String text) {
        running.set(false);
        runner = null;
        message.set(text);
    }

    private void replace(Row r) {
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).candidate().index() == r.candidate().index()) {
                rows.set(i, r);
                return;
            }
        }
    }

    public void shutdown() {
        cancel();
        sampler.shutdown();
    }
}
