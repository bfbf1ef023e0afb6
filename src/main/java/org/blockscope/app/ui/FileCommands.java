package org.blockscope.app.ui;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.WritableImage;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import javax.imageio.ImageIO;
import org.blockscope.app.diagram.AutoLayout;
import org.blockscope.app.diagram.SkinGeometry;
import org.blockscope.app.model.EditorModel;
import org.blockscope.app.model.FileSession;
import org.blockscope.app.model.Recovery;
import org.blockscope.app.model.SvgExport;
import org.blockscope.graph.Graph;
import org.blockscope.io.GraphFiles;
import org.blockscope.templates.Template;

/**
 * The file commands as the user meets them: choosers, the unsaved-changes prompt, error dialogs.
 * What actually happens to the document is decided by {@link FileSession}.
 */
public final class FileCommands {

    private final Supplier<Window> owner;
    private final FileSession session;
    private final EditorModel model;
    private final CanvasView canvas;
    private final Executor io;
    private final java.util.function.Consumer<String> notice;
    private Path lastDir;
    private String templateTitle;
    private final ExportCommands exports;

    public FileCommands(
            Supplier<Window> owner,
            FileSession session,
            EditorModel model,
            CanvasView canvas,
            Executor io,
            java.util.function.Consumer<String> notice) {
        this.owner = owner;
        this.session = session;
        this.model = model;
        this.canvas = canvas;
        this.io = io;
        this.notice = notice;
        this.exports = new ExportCommands(this, owner, session, model, io, notice);
    }

    /** Export to ONNX and PyTorch, open trained weights, follow a training run's metrics. */
    public ExportCommands exports() {
        return exports;
    }

    /** Asks about unsaved changes; true when it is fine to replace or close the document. */
    public boolean confirmDiscard() {
        if (!session.needsSavePrompt()) {
            return true;
        }
        return switch (Dialogs.unsavedChanges(owner.get(), session.fileName())) {
            case SAVE -> save();
            case DISCARD -> true;
            case CANCEL -> false;
        };
    }

    public void newDocument() {
        if (confirmDiscard()) {
            templateTitle = null;
            session.newDocument(Graph.EMPTY);
        }
    }

    /** The network's name for titles: its file's name, or the template it came from. */
    public String networkName() {
        if (session.currentFile().isPresent()) {
            return session.fileName().replace(GraphFiles.EXTENSION, "");
        }
        return templateTitle != null ? templateTitle : "Untitled network";
    }

    /** A template's network, laid out the way the canvas draws (top to bottom unless chosen otherwise). */
    private Graph laidOut(Template t) {
        return AutoLayout.laidOut(
                t.graph(),
                SkinGeometry.NORMAL.withDirection(
                        model.layoutDirectionProperty().get()));
    }

    public void newFromTemplate() {
        Optional<Template> t = TemplateGallery.choose(owner.get());
        if (t.isPresent() && confirmDiscard()) {
            templateTitle = t.get().title();
            session.newDocument(laidOut(t.get()));
            Platform.runLater(canvas::fitToView);
        }
    }

    /** Starts a new, unsaved document from a template (asking first about unsaved changes). */
    public boolean newFrom(Template t) {
        if (!confirmDiscard()) {
            return false;
        }
        templateTitle = t.title();
        session.newDocument(laidOut(t));
        Platform.runLater(canvas::fitToView);
        return true;
    }

    public void open() {
        if (!confirmDiscard()) {
            return;
        }
        FileChooser fc = chooser("Open network");
        java.io.File f = fc.showOpenDialog(owner.get());
        if (f != null) {
            openFile(f.toPath());
        }
    }

    /** Opens without asking about unsaved changes (callers ask first); shows read errors. */
    public boolean openFile(Path file) {
        lastDir = file.toAbsolutePath().getParent();
        Optional<String> error = session.open(file);
        if (error.isPresent()) {
            Dialogs.error(owner.get(), "This file cannot be opened", error.get());
            return false;
        }
        Platform.runLater(canvas::fitToView);
        return true;
    }

    public void openRecent(Path file) {
        if (confirmDiscard()) {
            openFile(file);
        }
    }

    public boolean save() {
        Optional<Path> current = session.currentFile();
        return current.isPresent() ? saveTo(current.get()) : saveAs();
    }

    public boolean saveAs() {
        FileChooser fc = chooser("Save network");
        fc.setInitialFileName(
                session.currentFile().map(p -> p.getFileName().toString()).orElse("network" + GraphFiles.EXTENSION));
        java.io.File f = fc.showSaveDialog(owner.get());
        return f != null && saveTo(f.toPath());
    }

    public boolean saveTo(Path file) {
        lastDir = file.toAbsolutePath().getParent();
        Optional<String> error = session.save(file);
        if (error.isPresent()) {
            Dialogs.error(owner.get(), "The network was not saved", error.get());
            return false;
        }
        notice.accept("Saved " + FileSession.withExtension(file).getFileName());
        return true;
    }

    public void exportPng() {
        FileChooser fc = exportChooser("Export PNG", "PNG image", "*.png");
        java.io.File f = fc.showSaveDialog(owner.get());
        if (f != null) {
            exportPngTo(f.toPath());
        }
    }

    /** Writes the network at twice the screen's scale, under its name and totals. */
    public void exportPngTo(Path file) {
        WritableImage img = canvas.snapshotGraph(2);
        var picture = SwingFXUtils.fromFXImage(img, null);
        String title = SvgExport.headline(networkName(), model.analysis());
        io.execute(() -> {
            try {
                ImageIO.write(PngExport.withTitle(picture, title, 2), "png", file.toFile());
                Platform.runLater(() -> notice.accept("Exported " + file.getFileName()));
            } catch (IOException e) {
                Platform.runLater(
                        () -> Dialogs.error(owner.get(), "The image was not saved", file + ": " + e.getMessage()));
            }
        });
    }

    public void exportSvg() {
        FileChooser fc = exportChooser("Export SVG", "SVG drawing", "*.svg");
        java.io.File f = fc.showSaveDialog(owner.get());
        if (f != null) {
            exportSvgTo(f.toPath());
        }
    }

    public void exportSvgTo(Path file) {
        String svg = SvgExport.svg(
                model.graph(),
                model.analysis(),
                model.directionProperty().get(),
                model.presenterModeProperty().get() ? 1.5 : 1,
                networkName());
        io.execute(() -> {
            try {
                Files.writeString(file, svg, StandardCharsets.UTF_8);
                Platform.runLater(() -> notice.accept("Exported " + file.getFileName()));
            } catch (IOException e) {
                Platform.runLater(
                        () -> Dialogs.error(owner.get(), "The drawing was not saved", file + ": " + e.getMessage()));
            }
        });
    }

    /** On start: offers each copy left by a session that did not exit cleanly. */
    public void offerRecovery() {
        for (Recovery.Found f : session.leftBehind()) {
            String what =
                    f.original().map(p -> "your changes to " + p.getFileName()).orElse("an unsaved network");
            if (Dialogs.confirm(
                    owner.get(),
                    "Restore unsaved work?",
                    "Blockscope did not close properly last time. A copy of " + what + " was kept.",
                    "Restore",
                    "Discard")) {
                session.restore(f).ifPresent(msg -> Dialogs.error(owner.get(), "The copy cannot be restored", msg));
                Platform.runLater(canvas::fitToView);
                return;
            }
            session.recovery().discard(f);
        }
    }

    private FileChooser chooser(String title) {
        FileChooser fc = new FileChooser();
        fc.setTitle(title);
        fc.getExtensionFilters()
                .add(new FileChooser.ExtensionFilter("Blockscope networks", "*" + GraphFiles.EXTENSION));
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("All files", "*.*"));
        Path dir = lastDir != null
                ? lastDir
                : session.currentFile().map(Path::getParent).orElse(null);
        if (dir != null && Files.isDirectory(dir)) {
            fc.setInitialDirectory(dir.toFile());
        }
        return fc;
    }

    private FileChooser exportChooser(String title, String what, String pattern) {
        FileChooser fc = chooser(title);
        fc.getExtensionFilters().setAll(new FileChooser.ExtensionFilter(what, pattern));
        String base = session.fileName().replace(GraphFiles.EXTENSION, "");
        fc.setInitialFileName(base + pattern.substring(1));
        return fc;
    }
}
