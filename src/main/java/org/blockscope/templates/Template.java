package org.blockscope.templates;

import java.util.function.Supplier;
import org.blockscope.graph.Graph;

/**
 * A ready-made network. {@code reference} says where its published figures come from, so a
 * teacher can check them.
 */
public record Template(
        String id, String title, String description, boolean classroom, String reference, Supplier<Graph> builder) {

    public Graph graph() {
        return builder.get();
    }
}
