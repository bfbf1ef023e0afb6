package org.blockscope.edit;

import java.util.Optional;
import org.blockscope.graph.Graph;
import org.blockscope.kind.Params;

/** Changes parameters of one node. Consecutive changes of the same node merge (spinner ticks). */
public record SetParams(String node, Params before, Params after) implements Edit {

    public static SetParams of(Graph g, String node, String key, Object value) {
        Params old = g.node(node).params();
        return new SetParams(node, old, old.with(key, value));
    }

    @Override
    public Graph apply(Graph g) {
        return g.withReplaced(g.node(node).withParams(after));
    }

    @Override
    public Graph revert(Graph g) {
        return g.withReplaced(g.node(node).withParams(before));
    }

    @Override
    public boolean isNoOp() {
        return before.equals(after);
    }

    @Override
    public String description() {
        var changed = after.asMap().entrySet().stream()
                .filter(e -> !e.getValue().equals(before.asMap().get(e.getKey())))
                .map(e -> e.getKey() + " = " + e.getValue())
                .toList();
        return "Set " + String.join(", ", changed) + " of '" + node + "'";
    }

    @Override
    public Optional<Edit> mergeWith(Edit next) {
        if (next instanceof SetParams n
                && n.node.equals(node)
                && n.before.equals(after)
                && changedKeys().equals(n.changedKeys())) {
            return Optional.of(new SetParams(node, before, n.after));
        }
        return Optional.empty();
    }

    private java.util.Set<String> changedKeys() {
        java.util.Set<String> keys = new java.util.TreeSet<>();
        after.asMap().forEach((k, v) -> {
            if (!v.equals(before.asMap().get(k))) {
                keys.add(k);
            }
        });
        return keys;
    }
}
