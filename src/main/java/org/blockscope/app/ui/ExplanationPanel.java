package org.blockscope.app.ui;

import javafx.collections.SetChangeListener;
import javafx.geometry.Insets;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.VBox;
import org.blockscope.app.model.EditorModel;
import org.blockscope.app.model.Explanations;

/**
 * "What is this block?": the selected block's teaching text with its formulas filled in, rendered
 * from the little Markdown of {@code blocks/<kind>.md}.
 */
public final class ExplanationPanel extends ScrollPane {

    private final EditorModel model;
    private final Explanations texts;
    private final VBox body = new VBox(6);
    private String shown = "";

    public ExplanationPanel(EditorModel model, Explanations texts) {
        this.model = model;
        this.texts = texts;
        setId("explanation");
        getStyleClass().add("explanation");
        body.setPadding(new Insets(8, 10, 12, 10));
        body.getStyleClass().add("explanation-body");
        setContent(body);
        setFitToWidth(true);
        setHbarPolicy(ScrollBarPolicy.NEVER);
        model.selection().addListener((SetChangeListener<String>) c -> refresh());
        model.analysisProperty().addListener((o, a, n) -> refresh());
        refresh();
    }

    private void refresh() {
        String text = texts.explain(model.selection(), model.graph(), model.analysis());
        if (text.equals(shown)) {
            return;
        }
        shown = text;
        MarkdownView.render(body, text, widthProperty());
    }

    /** The plain text currently shown (for tests). */
    public String shownText() {
        return shown;
    }
}
