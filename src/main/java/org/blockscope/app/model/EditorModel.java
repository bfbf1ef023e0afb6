package org.blockscope.app.model;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableSet;
import org.blockscope.analysis.NetworkAnalysis;
import org.blockscope.app.diagram.Direction;
import org.blockscope.edit.AddEdge;
import org.blockscope.edit.AddNode;
import org.blockscope.edit.Clipboard;
import org.blockscope.edit.CompoundEdit;
import org.blockscope.edit.Document;
import org.blockscope.edit.Edit;
import org.blockscope.edit.Grouping;
import org.blockscope.edit.MoveNodes;
import org.blockscope.edit.RemoveEdge;
import org.blockscope.edit.RemoveNodes;
import org.blockscope.edit.RenameNode;
import org.blockscope.edit.SetParams;
import org.blockscope.graph.Edge;
import org.blockscope.graph.Graph;
import org.blockscope.graph.Node;
import org.blockscope.graph.Position;
import org.blockscope.graph.Shape;
import org.blockscope.kind.BlockKind;
import org.blockscope.kind.ParamSpec;
import org.blockscope.primitive.PrimitiveNode;

/**
 * The editor's view-model: the document, the selection and the latest analysis, plus every
 * editing command with its rules (which connections are allowed and why not). Views bind to its
 * properties and call its commands; every {@code if} about the network lives here, testable without
 * starting JavaFX.
 */
public final class EditorModel {

    private final Document document;
    private final ObservableSet<String> selection = FXCollections.observableSet(new LinkedHashSet<>());
    private final ReadOnlyObjectWrapper<Graph> graph = new ReadOnlyObjectWrapper<>(this, "graph");
    private final ReadOnlyObjectWrapper<NetworkAnalysis> analysis = new ReadOnlyObjectWrapper<>(this, "analysis");
    private final ReadOnlyLongWrapper revision = new ReadOnlyLongWrapper(this, "revision");
    private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper(this, "canUndo");
    private final ReadOnlyBooleanWrapper canRedo = new ReadOnlyBooleanWrapper(this, "canRedo");
    /** What undo / redo would do, e.g. "Add conv1" ("" when nothing). */
    private final ReadOnlyStringWrapper undoDescription = new ReadOnlyStringWrapper(this, "undoDescription", "");

    private final ReadOnlyStringWrapper redoDescription = new ReadOnlyStringWrapper(this, "redoDescription", "");
    private final BooleanProperty presenterMode = new SimpleBooleanProperty(this, "presenterMode", false);
    private final ObjectProperty<Direction> direction = new SimpleObjectProperty<>(this, "direction");
    private final ObjectProperty<Direction> layoutDirection =
            new SimpleObjectProperty<>(this, "layoutDirection", Direction.DOWN);
    private final ReadOnlyLongWrapper generation = new ReadOnlyLongWrapper(this, "generation");
    private final LatestWins<NetworkAnalysis> analyser;
    private Clipboard.Fragment clipboard = new Clipboard.Fragment(List.of(), List.of());

    /** {@code deliver} runs results on the UI thread ({@code Platform::runLater}); tests pass {@code Runnable::run}. */
    public EditorModel(Document document, Executor deliver, boolean analyseInBackground) {
        this.document = document;
        this.analyser = analyseInBackground ? new LatestWins<>("analysis", deliver) : null;
        graph.set(document.graph());
        direction.set(Direction.infer(document.graph()));
        analysis.set(NetworkAnalysis.of(document.graph()));
        updateHistory();
        document.addListener(c -> {
            boolean switched = c.kind() == Document.Change.Kind.RESET && c.graph() != graph.get();
            if (switched) {
                direction.set(Direction.infer(c.graph()));
            }
            graph.set(c.graph());
            revision.set(c.revision());
            updateHistory();
            selection.removeIf(n -> !c.graph().contains(n));
            if (!(c.edit() instanceof MoveNodes)) { // positions do not change shapes or costs
                reanalyse(c.graph());
            }
            if (switched) {
                generation.set(generation.get() + 1);
            }
        });
    }

    private void updateHistory() {
        canUndo.set(document.canUndo());
        canRedo.set(document.canRedo());
        undoDescription.set(document.undoDescription().orElse(""));
        redoDescription.set(document.redoDescription().orElse(""));
    }

    /** Whether there is an edit to undo (for Undo's enabled state). */
    public ReadOnlyBooleanProperty canUndoProperty() {
        return canUndo.getReadOnlyProperty();
    }

    /** Whether there is an undone edit to redo. */
    public ReadOnlyBooleanProperty canRedoProperty() {
        return canRedo.getReadOnlyProperty();
    }

    /** What Undo would undo, e.g. "Add conv1" ("" when nothing). */
    public ReadOnlyStringProperty undoDescriptionProperty() {
        return undoDescription.getReadOnlyProperty();
    }

    /** What Redo would redo ("" when nothing). */
    public ReadOnlyStringProperty redoDescriptionProperty() {
        return redoDescription.getReadOnlyProperty();
    }

    private void reanalyse(Graph g) {
        if (analyser == null) {
            analysis.set(NetworkAnalysis.of(g));
        } else {
            analyser.submit(() -> NetworkAnalysis.of(g), analysis::set, e -> {});
        }
    }

    public Document document() {
        return document;
    }

    public ReadOnlyObjectProperty<Graph> graphProperty() {
        return graph.getReadOnlyProperty();
    }

    public Graph graph() {
        return graph.get();
    }

    public ReadOnlyObjectProperty<NetworkAnalysis> analysisProperty() {
        return analysis.getReadOnlyProperty();
    }

    public NetworkAnalysis analysis() {
        return analysis.get();
    }

    public ReadOnlyLongProperty revisionProperty() {
        return revision.getReadOnlyProperty();
    }

    public ObservableSet<String> selection() {
        return selection;
    }

    public BooleanProperty presenterModeProperty() {
        return presenterMode;
    }

    /** Which way the canvas draws the flow: inferred from the positions of an opened network, set by a layout. */
    public ObjectProperty<Direction> directionProperty() {
        return direction;
    }

    /** Which way Auto layout lays the network out (top to bottom unless the user chose left to right). */
    public ObjectProperty<Direction> layoutDirectionProperty() {
        return layoutDirection;
    }

    /**
     * Increases when another network replaces the document (New, Open, a template, a restored
     * copy): views that belong to one network reset then.
     */
    public ReadOnlyLongProperty generationProperty() {
        return generation.getReadOnlyProperty();
    }

    public void select(String... names) {
        selection.clear();
        selection.addAll(List.of(names));
    }

    // ---- adding and connecting -----------------------------------------------------------------

    /** Adds a block with default parameters at a canvas position; returns its (unique) name. */
    public String addNode(BlockKind kind, Position at) {
        String name = graph().freshName(kind.id().replace("_", ""));
        document.execute(new AddNode(Node.of(name, kind).withPosition(at)));
        select(name);
        return name;
    }

    /**
     * Why an edge from {@code from}'s output into port {@code port} of {@code to} would be wrong, or
     * empty if it is fine. Used while dragging to refuse invalid targets with a reason.
     */
    public Optional<String> whyNotConnect(String from, String to, int port) {
        return ConnectionRules.whyNot(graph(), from, to, port);
    }

    /** Connects (replacing an edge already in that port); returns the refusal reason, if refused. */
    public Optional<String> connect(String from, String to, int port) {
        Optional<String> why = whyNotConnect(from, to, port);
        if (why.isPresent()) {
            return why;
        }
        Optional<Edge> old = graph().edgeInto(to, port);
        Edge e = new Edge(from, to, port);
        Edit edit = old.isPresent()
                ? new CompoundEdit("Reconnect '" + to + "'", List.of(RemoveEdge.of(graph(), old.get()), new AddEdge(e)))
                : new AddEdge(e);
        document.execute(edit);
        return Optional.empty();
    }

    /** The first free input port of {@code to} (variadic kinds always have one). */
    public int freePort(String to) {
        return ConnectionRules.freePort(graph(), to);
    }

    public void disconnect(Edge e) {
        document.execute(RemoveEdge.of(graph(), e));
    }

    // ---- selection commands --------------------------------------------------------------------

    public void deleteSelection() {
        if (!selection.isEmpty()) {
            document.execute(RemoveNodes.of(graph(), Set.copyOf(selection)));
        }
    }

    /** Moves the selected nodes; a drag's many small moves merge into one undo step. */
    public void moveSelection(double dx, double dy) {
        if (!selection.isEmpty()) {
            document.execute(MoveNodes.by(graph(), List.copyOf(selection), dx, dy));
        }
    }

    public void moveTo(Map<String, Position> targets) {
        document.execute(MoveNodes.to(graph(), targets));
    }

    /** Applies a layout made for {@code d} as one undoable move, and draws the flow that way. */
    public void applyLayout(Map<String, Position> targets, Direction d) {
        endGesture();
        direction.set(d);
        moveTo(targets);
        endGesture();
    }

    /** Call at the end of a drag so the next drag is its own undo step. */
    public void endGesture() {
        document.endMerge();
    }

    public void copy() {
        clipboard = Clipboard.copy(graph(), Set.copyOf(selection));
    }

    public boolean canPaste() {
        return !clipboard.isEmpty();
    }

    public void paste() {
        if (clipboard.isEmpty()) {
            return;
        }
        Clipboard.Pasted p = Clipboard.paste(graph(), clipboard, 40, 40);
        document.execute(p.edit());
        selection.clear();
        selection.addAll(p.names());
        clipboard = Clipboard.copy(graph(), Set.copyOf(p.names())); // the next paste cascades
    }

    public void duplicate() {
        copy();
        paste();
    }

    public void undo() {
        document.undo();
    }

    public void redo() {
        document.redo();
    }

    // ---- parameters ----------------------------------------------------------------------------

    /** Sets a parameter if the value is valid; otherwise returns the message quoting the value. */
    public Optional<String> setParam(String node, String key, Object value) {
        Node n = graph().node(node);
        ParamSpec spec = n.kind().spec(key).orElseThrow(() -> new IllegalArgumentException("no parameter " + key));
        Object v = spec.type() == ParamSpec.Type.DOUBLE && value instanceof Number num ? num.doubleValue() : value;
        Optional<String> bad = spec.check(v);
        if (bad.isPresent()) {
            return bad;
        }
        document.execute(SetParams.of(graph(), node, key, v));
        return Optional.empty();
    }

    /** Sets the network's input to {@code s} in one undoable step (the guard rails' "resize input"). */
    public void resizeInput(Shape s) {
        InputResize.input(graph()).ifPresent(in -> {
            Graph after = InputResize.resized(graph(), s);
            document.execute(
                    new SetParams(in.name(), in.params(), after.node(in.name()).params()));
        });
    }

    public Optional<String> rename(String from, String to) {
        if (to.isBlank() || to.contains("/")) {
            return Optional.of("a name must not be empty or contain '/': '" + to + "'");
        }
        if (!from.equals(to) && graph().contains(to)) {
            return Optional.of("the name '" + to + "' is taken");
        }
        document.execute(new RenameNode(from, to));
        if (selection.remove(from)) {
            selection.add(to);
        }
        return Optional.empty();
    }

    // ---- blocks --------------------------------------------------------------------------------

    public Optional<String> whyNotGroup() {
        return Grouping.whyNotGroup(graph(), Set.copyOf(selection));
    }

    public Optional<String> groupSelection(String name) {
        Optional<String> why = whyNotGroup();
        if (why.isPresent()) {
            return why;
        }
        String fresh = graph().freshName(name);
        document.execute(Grouping.group(graph(), Set.copyOf(selection), fresh));
        select(fresh);
        return Optional.empty();
    }

    /** Ungroups a group or a named block into editable primitives (needs its input shapes known). */
    public Optional<String> ungroup(String name) {
        Node n = graph().node(name);
        if (!n.kind().composite()) {
            return Optional.of("'" + name + "' is a primitive");
        }
        List<Shape> inputs = inputShapes(name);
        if (inputs == null) {
            return Optional.of("connect '" + name + "' first: its inside depends on the shape it receives");
        }
        document.execute(Grouping.ungroup(graph(), name, inputs));
        selection.clear();
        return Optional.empty();
    }

    /** Shapes arriving at the node's ports in port order, or null if any is unknown. */
    public List<Shape> inputShapes(String name) {
        List<Shape> shapes = new ArrayList<>();
        Node n = graph().node(name);
        if (graph().inputs(name).size() < Math.max(1, n.kind().minInputs())) {
            return null;
        }
        for (Edge e : graph().inputs(name)) {
            Optional<PrimitiveNode> src = analysis().expanded().outputOf(e.from());
            if (src.isEmpty()) {
                return null;
            }
            shapes.add(src.get().output());
        }
        return shapes;
    }

    public void shutdown() {
        if (analyser != null) {
            analyser.shutdown();
        }
    }
}
