package org.blockscope.edit;

import java.util.List;
import org.blockscope.graph.Graph;

/** Several edits as one undo step (paste, duplicate, insert block with its edges). */
public record CompoundEdit(String description, List<Edit> parts) implements Edit {

    public CompoundEdit {
        parts = List.copyOf(parts);
    }

    @Override
    public Graph apply(Graph g) {
        Graph r = g;
        for (Edit e : parts) {
            r = e.apply(r);
        }
        return r;
    }

    @Override
    public Graph revert(Graph g) {
        Graph r = g;
        for (int i = parts.size() - 1; i >= 0; i--) {
            r = parts.get(i).revert(r);
        }
        return r;
    }

    @Override
    public boolean isNoOp() {
        return parts.stream().allMatch(Edit::isNoOp);
    }
}
