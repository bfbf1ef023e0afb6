package org.blockscope.app.ui;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.blockscope.app.model.EditorModel;
import org.blockscope.app.model.FileSession;
import org.blockscope.engine.compile.CompileException;
import org.blockscope.export.TrainedNetwork;
import org.blockscope.export.onnx.OnnxExporter;
import org.blockscope.export.pytorch.PyTorchExporter;
import org.blockscope.export.pytorch.WeightsImport;
import org.blockscope.graph.Diagnostic;
import org.blockscope.graph.Graph;

/**
 * File → Export ONNX / PyTorch project, File → Open trained weights and File → Follow training metrics.
 * Exports write the document's network with the weights opened for it (while the document is still that
 * network), else with its initial weights. Work runs on the I/O thread; results come back as notices.
 */
public final class ExportCommands {

    private final FileCommands files;
    private final Supplier<Window> owner;
    private final FileSession session;
    private final EditorModel model;
    private final Executor io;
    private final Consumer<String> notice;
    private volatile TrainedNetwork opened;
    private Consumer<TrainedNetwork> onOpened = t -> {};
    private Consumer<Path> onFollow;

    ExportCommands(
            FileCommands files,
            Supplier<Window> owner,
            FileSession session,
            EditorModel model,
            Executor io,
            Consumer<String> notice) {
        this.files = files;
        this.owner = owner;
        this.session = session;
        this.model = model;
        this.io = io;
        this.notice = notice;
    }

    /** Where a followed metrics file goes (the training charts); without it, a window of its own. */
    void onFollow(Consumer<Path> c) {
        onFollow = c;
    }

    /** Called on the UI thread with weights just opened, once their network is the document. */
    void onOpened(Consumer<TrainedNetwork> c) {
        onOpened = c;
    }

    /** The weights opened with File → Open trained weights, while the document is still their network. */
    public Optional<TrainedNetwork> trainedWeights() {
        TrainedNetwork t = opened;
        return t != null && t.fits(model.graph()) ? Optional.of(t) : Optional.empty();
    }

    public void exportOnnx() {
        FileChooser fc = chooser("Export ONNX", "ONNX model", "*.onnx");
        fc.setInitialFileName(baseName() + ".onnx");
        java.io.File f = fc.showSaveDialog(owner.get());
        if (f != null) {
            exportOnnxTo(f.toPath());
        }
    }

    public void exportOnnxTo(Path file) {
        Graph g = model.graph();
        String source = session.fileName();
        io.execute(() -> run("The ONNX model was not written", () -> {
            TrainedNetwork net = network(g);
            List<String> problems = OnnxExporter.problems(net, OnnxExporter.DEFAULT_OPSET);
            if (!problems.isEmpty()) {
                return Optional.of(String.join("\n", problems));
            }
            OnnxExporter.write(net, OnnxExporter.DEFAULT_OPSET, source, file);
            done("Exported " + file.getFileName() + " (ONNX, " + weights(net) + ")");
            return Optional.empty();
        }));
    }

    public void exportPyTorch() {
        DirectoryChooser dc = new DirectoryChooser();
        dc.setTitle("Export PyTorch project into a folder");
        java.io.File dir = dc.showDialog(owner.get());
        if (dir != null) {
            exportPyTorchTo(dir.toPath());
        }
    }

    public void exportPyTorchTo(Path dir) {
        Graph g = model.graph();
        String source = session.fileName();
        io.execute(() -> run("The PyTorch project was not written", () -> {
            TrainedNetwork net = network(g);
            List<String> problems = PyTorchExporter.problems(net);
            if (!problems.isEmpty()) {
                return Optional.of(String.join("\n", problems));
            }
            PyTorchExporter.write(net, source, dir);
            done("Exported a PyTorch project to " + dir.getFileName() + " (" + weights(net) + ")");
            return Optional.empty();
        }));
    }

    public void openTrainedWeights() {
        FileChooser fc = chooser("Open trained weights", "Trained weights", "*.safetensors", "*.ckpt");
        java.io.File f = fc.showOpenDialog(owner.get());
        if (f != null) {
            openTrainedWeightsFrom(f.toPath());
        }
    }

    /** Reads the weights (and their network) in the background, then opens the network as the document. */
    public void openTrainedWeightsFrom(Path weights) {
        io.execute(() -> {
            try {
                TrainedNetwork net = WeightsImport.open(weights, null);
                Platform.runLater(() -> {
                    if (files.confirmDiscard()) {
                        session.newDocument(net.graph());
                        opened = net;
                        onOpened.accept(net);
                        notice.accept("Opened " + weights.getFileName() + ": "
                                + net.classNames().size() + " classes");
                    }
                });
            } catch (IOException | RuntimeException e) {
                Platform.runLater(() -> Dialogs.error(owner.get(), "These weights cannot be opened", e.getMessage()));
            }
        });
    }

    public void followMetrics() {
        FileChooser fc = chooser("Follow training metrics", "Metrics of train.py", "*.jsonl");
        java.io.File f = fc.showOpenDialog(owner.get());
        if (f != null) {
            if (onFollow != null) {
                onFollow.accept(f.toPath());
            } else {
                MetricsWindow.show(owner.get(), f.toPath(), io);
            }
        }
    }

    private TrainedNetwork network(Graph g) {
        TrainedNetwork t = opened;
        return t != null && t.fits(g) ? t : TrainedNetwork.untrained(g);
    }

    private static String weights(TrainedNetwork net) {
        return net.trained() ? "trained weights" : "initial weights";
    }

    private interface Work {
        /** @return a problem to show, or empty when done */
        Optional<String> run() throws IOException;
    }

    private void run(String failure, Work work) {
        try {
            work.run().ifPresent(p -> Platform.runLater(() -> Dialogs.error(owner.get(), failure, p)));
        } catch (CompileException e) {
            String problems = String.join(
                    "\n",
                    e.diagnostics().stream()
                            .filter(Diagnostic::isError)
                            .map(Diagnostic::toString)
                            .toList());
            Platform.runLater(() -> Dialogs.error(owner.get(), failure, "The network has problems:\n" + problems));
        } catch (IOException | RuntimeException e) {
            Platform.runLater(() -> Dialogs.error(owner.get(), failure, e.getMessage()));
        }
    }

    private void done(String message) {
        Platform.runLater(() -> notice.accept(message));
    }

    private String baseName() {
        return session.fileName().replace(org.blockscope.io.GraphFiles.EXTENSION, "");
    }

    private FileChooser chooser(String title, String what, String... patterns) {
        FileChooser fc = new FileChooser();
        fc.setTitle(title);
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter(what, patterns));
        session.currentFile()
                .map(p -> p.toAbsolutePath().getParent())
                .filter(java.nio.file.Files::isDirectory)
                .ifPresent(d -> fc.setInitialDirectory(d.toFile()));
        return fc;
    }
}
