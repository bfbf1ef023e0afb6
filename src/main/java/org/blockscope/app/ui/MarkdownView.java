package org.blockscope.app.ui;

import java.util.Locale;
import javafx.beans.value.ObservableDoubleValue;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import org.blockscope.app.model.MarkdownLite;

/** Renders the small Markdown subset of block explanations, lessons and the tutorial. */
final class MarkdownView {

    private MarkdownView() {}

    /** Replaces {@code body}'s children with the rendered text; lines wrap at {@code width} − 30. */
    static void render(VBox body, String text, ObservableDoubleValue width) {
        body.getChildren().clear();
        for (MarkdownLite.Block b : MarkdownLite.parse(text)) {
            TextFlow flow = new TextFlow();
            flow.getStyleClass().add("md-" + b.type().name().toLowerCase(Locale.ROOT));
            if (b.type() == MarkdownLite.BlockType.BULLET) {
                flow.getChildren().add(styled("•  ", MarkdownLite.Style.PLAIN));
            }
            for (MarkdownLite.Span s : b.spans()) {
                flow.getChildren().add(styled(s.text(), s.style()));
            }
            flow.prefWidthProperty().bind(javafx.beans.binding.Bindings.subtract(width, 30));
            body.getChildren().add(flow);
        }
    }

    private static Text styled(String s, MarkdownLite.Style style) {
        Text t = new Text(s);
        t.getStyleClass().add("md-" + style.name().toLowerCase(Locale.ROOT));
        return t;
    }
}
