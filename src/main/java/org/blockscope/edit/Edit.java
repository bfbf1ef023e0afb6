package org.blockscope.edit;

import java.util.Optional;
import org.blockscope.graph.Graph;

/**
 * One invertible change to a graph, as data. An edit captures the old values when it is made, so
 * {@code revert(apply(g)) == g} exactly (same order, same bytes on save). Edits that would change
 * nothing report {@link #isNoOp()} and never enter the history.
 */
public sealed interface Edit
        permits AddNode,
                RemoveNodes,
                AddEdge,
                RemoveEdge,
                SetParams,
                MoveNodes,
                RenameNode,
                ReplaceGraph,
                CompoundEdit {

    Graph apply(Graph g);

    Graph revert(Graph g);

    boolean isNoOp();

    /** Short text for the Undo menu, e.g. {@code Add Conv 2D 'conv1'}. */
    String description();

    /** This edit followed by {@code next} as one step, when they belong together (drags, spinner ticks). */
    default Optional<Edit> mergeWith(Edit next) {
        return Optional.empty();
    }
}
