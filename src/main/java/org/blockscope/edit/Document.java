package org.blockscope.edit;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.blockscope.graph.Graph;

/**
 * The open network: the current graph, its undo and redo history, its file and whether it has
 * unsaved changes. Plain Java (no JavaFX): panels listen and refresh on each new revision.
 * Not thread-safe: the UI uses it from the FX thread only.
 */
public final class Document {

    /** What changed: the new revision number, the graph, and the edit (null after load/undo/redo). */
    public record Change(long revision, Graph graph, Edit edit, Kind kind) {
        public enum Kind {
            EDIT,
            UNDO,
            REDO,
            RESET
        }
    }

    private Graph graph;
    /** A history entry; {@code id} names the state the document is in after it. */
    private record Step(Edit edit, long id) {}

    private final Deque<Step> undo = new ArrayDeque<>();
    private final Deque<Step> redo = new ArrayDeque<>();
    private long nextStepId = 1;
    private long savedState;
    private final List<Consumer<Change>> listeners = new CopyOnWriteArrayList<>();
    private long revision;
    private Path path;
    private boolean mergeOpen = true;
    private final int historyLimit;

    public Document(Graph graph) {
        this(graph, 500);
    }

    public Document(Graph graph, int historyLimit) {
        this.graph = graph;
        this.historyLimit = historyLimit;
    }

    public Graph graph() {
        return graph;
    }

    public long revision() {
        return revision;
    }

    public Optional<Path> path() {
        return Optional.ofNullable(path);
    }

    public boolean isDirty() {
        return currentState() != savedState;
    }

    private long currentState() {
        return undo.isEmpty() ? 0 : undo.peek().id();
    }

    /** Applies an edit as one undo step (or merges it into the previous step, see {@link #endMerge()}). */
    public boolean execute(Edit edit) {
        if (edit.isNoOp()) {
            return false;
        }
        Graph next = edit.apply(graph);
        Step last = undo.peek();
        Optional<Edit> merged = mergeOpen && last != null && last.id() != savedState
                ? last.edit().mergeWith(edit)
                : Optional.empty();
        if (merged.isPresent()) {
            undo.pop();
            if (!merged.get().isNoOp()) {
                undo.push(new Step(merged.get(), nextStepId++));
            }
        } else {
            undo.push(new Step(edit, nextStepId++));
            if (undo.size() > historyLimit) {
                undo.removeLast();
            }
        }
        mergeOpen = true;
        redo.clear();
        graph = next;
        fire(edit, Change.Kind.EDIT);
        return true;
    }

    /** Ends the current merge run: the next edit starts a new undo step even if it could merge. */
    public void endMerge() {
        mergeOpen = false;
    }

    public boolean canUndo() {
        return !undo.isEmpty();
    }

    public boolean canRedo() {
        return !redo.isEmpty();
    }

    public Optional<String> undoDescription() {
        return Optional.ofNullable(undo.peek()).map(s -> s.edit().description());
    }

    public Optional<String> redoDescription() {
        return Optional.ofNullable(redo.peek()).map(s -> s.edit().description());
    }

    public void undo() {
        if (undo.isEmpty()) {
            return;
        }
        Step s = undo.pop();
        graph = s.edit().revert(graph);
        redo.push(s);
        mergeOpen = false;
        fire(s.edit(), Change.Kind.UNDO);
    }

    public void redo() {
        if (redo.isEmpty()) {
            return;
        }
        Step s = redo.pop();
        graph = s.edit().apply(graph);
        undo.push(s);
        mergeOpen = false;
        fire(s.edit(), Change.Kind.REDO);
    }

    /** Replaces everything (new, open, restore): history cleared, clean unless said otherwise. */
    public void reset(Graph g, Path file, boolean dirty) {
        graph = g;
        path = file;
        undo.clear();
        redo.clear();
        revision++;
        savedState = dirty ? -1 : 0;
        notifyListeners(new Change(revision, graph, null, Change.Kind.RESET));
    }

    /** Records a successful save. */
    public void markSaved(Path file) {
        path = file;
        savedState = currentState();
        notifyListeners(new Change(revision, graph, null, Change.Kind.RESET));
    }

    public void addListener(Consumer<Change> l) {
        listeners.add(l);
    }

    public void removeListener(Consumer<Change> l) {
        listeners.remove(l);
    }

    private void fire(Edit e, Change.Kind kind) {
        revision++;
        notifyListeners(new Change(revision, graph, e, kind));
    }

    private void notifyListeners(Change c) {
        for (Consumer<Change> l : listeners) {
            l.accept(c);
        }
    }
}
