package org.blockscope.app.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.blockscope.edit.Document;
import org.blockscope.graph.Graph;
import org.blockscope.io.GraphFileException;
import org.blockscope.io.GraphFiles;

/**
 * The file side of the editor: title, dirty flag, new / open / save, recent files and crash
 * recovery. Failed reads and writes return the user-readable message and leave the document
 * exactly as it was. Uses JavaFX properties only (no controls), so it is tested without a toolkit.
 */
public final class FileSession {

    private final Document document;
    private final AppHome home;
    private final Recovery recovery;
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title");
    private final ReadOnlyBooleanWrapper dirty = new ReadOnlyBooleanWrapper(this, "dirty");
    private final ObservableList<Path> recent = FXCollections.observableArrayList();

    /** {@code io} runs recovery writes (a background thread in the app, {@code Runnable::run} in tests). */
    public FileSession(Document document, AppHome home, Executor io) {
        this.document = document;
        this.home = home;
        this.recovery = new Recovery(home.recoveryDir(), io);
        recent.setAll(home.recent());
        document.addListener(c -> refresh());
        refresh();
    }

    private void refresh() {
        dirty.set(document.isDirty());
        title.set(fileName() + (document.isDirty() ? " *" : "") + " — Blockscope");
    }

    public String fileName() {
        return document.path().map(p -> p.getFileName().toString()).orElse("Untitled");
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty dirtyProperty() {
        return dirty.getReadOnlyProperty();
    }

    public ObservableList<Path> recent() {
        return recent;
    }

    public Recovery recovery() {
        return recovery;
    }

    /** True when New, Open or closing must first ask about unsaved changes. */
    public boolean needsSavePrompt() {
        return document.isDirty();
    }

    public void newDocument(Graph g) {
        document.reset(g, null, false);
        recovery.clear();
    }

    /** Takes the recovery lock; call once when the window opens. */
    public void start() {
        recovery.start();
    }

    /** On a clean exit: deletes the recovery copy. */
    public void stop() {
        recovery.stop();
    }

    /** Opens {@code file}; on failure returns the message and leaves the document untouched. */
    public Optional<String> open(Path file) {
        Graph g;
        try {
            g = GraphFiles.read(file);
        } catch (GraphFileException e) {
            return Optional.of(e.getMessage());
        }
        document.reset(g, file.toAbsolutePath(), false);
        recovery.clear();
        recent.setAll(home.addRecent(file));
        return Optional.empty();
    }

    /** Saves to the current file; empty path means "ask where" (Save As). */
    public Optional<Path> currentFile() {
        return document.path();
    }

    /** Saves to {@code file} (adding the extension if missing); returns the message on failure. */
    public Optional<String> save(Path file) {
        Path target = withExtension(file);
        try {
            GraphFiles.write(document.graph(), target);
        } catch (GraphFileException e) {
            return Optional.of(e.getMessage());
        }
        document.markSaved(target.toAbsolutePath());
        recovery.clear();
        recent.setAll(home.addRecent(target));
        return Optional.empty();
    }

    public static Path withExtension(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(GraphFiles.EXTENSION)
                ? file
                : file.resolveSibling(
                        name.endsWith(".json")
                                ? name.replace(".json", GraphFiles.EXTENSION)
                                : name + GraphFiles.EXTENSION);
    }

    /** Called every few seconds by the window. */
    public void autosave() {
        recovery.autosave(document.graph(), document.revision(), document.isDirty(), document.path());
    }

    public List<Recovery.Found> leftBehind() {
        return recovery.leftBehind();
    }

    /** Restores a left-behind copy as an unsaved document and deletes the copy. */
    public Optional<String> restore(Recovery.Found f) {
        try {
            Graph g = recovery.read(f);
            document.reset(g, f.original().orElse(null), true);
        } catch (GraphFileException e) {
            return Optional.of(e.getMessage());
        } finally {
            recovery.discard(f);
        }
        return Optional.empty();
    }
}
