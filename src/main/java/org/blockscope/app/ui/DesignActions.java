package org.blockscope.app.ui;

import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.stage.Stage;
import org.blockscope.app.design.ScalingView;
import org.blockscope.app.design.SearchView;
import org.blockscope.app.model.EditorModel;
import org.blockscope.graph.Graph;
import org.blockscope.io.AppPaths;

/** The Design menu's actions: compound scaling of the document's network, and the design-space search. */
final class DesignActions {

    private DesignActions() {}

    /**
     * Adds {@code scaling} (enabled when the document has nodes) and {@code search}; both tools open a
     * network they made through {@code open}.
     */
    static void install(Actions actions, Stage owner, EditorModel model, Supplier<String> title, Consumer<Graph> open) {
        actions.add(
                        "scaling",
                        "Compound scaling…",
                        null,
                        () -> ScalingView.show(owner, model.graph(), title.get(), open))
                .enabledWhen(Bindings.createBooleanBinding(() -> model.graph().size() > 0, model.graphProperty()));
        actions.add(
                "search",
                "Design-space search…",
                null,
                () -> SearchView.show(
                        owner, model.graph(), AppPaths.sampleImages().orElse(Path.of("sample-images")), open));
    }
}
