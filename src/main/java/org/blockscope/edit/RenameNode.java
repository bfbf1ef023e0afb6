package org.blockscope.edit;

import org.blockscope.graph.Graph;

/** Renames a node; its edges follow. */
public record RenameNode(String from, String to) implements Edit {

    @Override
    public Graph apply(Graph g) {
        return g.renamed(from, to);
    }

    @Override
    public Graph revert(Graph g) {
        return g.renamed(to, from);
    }

    @Override
    public boolean isNoOp() {
        return from.equals(to);
    }

    @Override
    public String description() {
        return "Rename '" + from + "' to '" + to + "'";
    }
}
