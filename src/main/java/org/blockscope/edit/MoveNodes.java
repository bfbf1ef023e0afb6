package org.blockscope.edit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.blockscope.graph.Graph;
import org.blockscope.graph.Position;

/** Moves nodes on the canvas. Consecutive moves of the same nodes merge into one step (a drag). */
public record MoveNodes(Map<String, Position> before, Map<String, Position> after) implements Edit {

    public MoveNodes {
        before = Map.copyOf(before);
        after = Map.copyOf(after);
    }

    public static MoveNodes by(Graph g, java.util.Collection<String> names, double dx, double dy) {
        Map<String, Position> b = new LinkedHashMap<>();
        Map<String, Position> a = new LinkedHashMap<>();
        for (String n : names) {
            Position p = g.node(n).position();
            b.put(n, p);
            a.put(n, p.plus(dx, dy));
        }
        return new MoveNodes(b, a);
    }

    public static MoveNodes to(Graph g, Map<String, Position> targets) {
        Map<String, Position> b = new LinkedHashMap<>();
        targets.keySet().forEach(n -> b.put(n, g.node(n).position()));
        return new MoveNodes(b, targets);
    }

    @Override
    public Graph apply(Graph g) {
        return place(g, after);
    }

    @Override
    public Graph revert(Graph g) {
        return place(g, before);
    }

    private static Graph place(Graph g, Map<String, Position> where) {
        Graph r = g;
        for (var e : where.entrySet()) {
            r = r.withReplaced(r.node(e.getKey()).withPosition(e.getValue()));
        }
        return r;
    }

    @Override
    public boolean isNoOp() {
        return before.equals(after);
    }

    @Override
    public String description() {
        return before.size() == 1
                ? "Move '" + before.keySet().iterator().next() + "'"
                : "Move " + before.size() + " nodes";
    }

    @Override
    public Optional<Edit> mergeWith(Edit next) {
        if (next instanceof MoveNodes m && m.before.keySet().equals(before.keySet()) && m.before.equals(after)) {
            return Optional.of(new MoveNodes(before, m.after));
        }
        return Optional.empty();
    }
}
