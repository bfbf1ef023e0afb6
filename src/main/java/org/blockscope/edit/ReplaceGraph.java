package org.blockscope.edit;

import org.blockscope.graph.Graph;

/**
 * A structural change that is easiest to state as before and after (group, ungroup, automatic
 * layout). Graphs are immutable, so keeping both costs only references.
 */
public record ReplaceGraph(Graph before, Graph after, String description) implements Edit {

    @Override
    public Graph apply(Graph g) {
        if (!g.equals(before)) {
            throw new IllegalStateException("graph changed since the edit was made: " + description);
        }
        return after;
    }

    @Override
    public Graph revert(Graph g) {
        return before;
    }

    @Override
    public boolean isNoOp() {
        return before.equals(after);
    }
}
