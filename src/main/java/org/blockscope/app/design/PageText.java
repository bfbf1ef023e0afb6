package org.blockscope.app.design;

import java.util.Locale;
import javafx.geometry.Insets;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import org.blockscope.app.model.MarkdownLite;

/** An explanation page ({@code resources/explain}) rendered with the explanation panel's styles. */
final class PageText extends VBox {

    PageText(String markdown) {
        super(6);
        setPadding(new Insets(10, 12, 14, 12));
        getStyleClass().add("explanation-body");
        for (MarkdownLite.Block b : MarkdownLite.parse(markdown)) {
            TextFlow flow = new TextFlow();
            flow.getStyleClass().add("md-" + b.type().name().toLowerCase(Locale.ROOT));
            if (b.type() == MarkdownLite.BlockType.BULLET) {
                flow.getChildren().add(new Text("•  "));
            }
            for (MarkdownLite.Span s : b.spans()) {
                Text t = new Text(s.text());
                t.getStyleClass().add("md-" + s.style().name().toLowerCase(Locale.ROOT));
                if (s.style() == MarkdownLite.Style.BOLD) {
                    t.setStyle("-fx-font-weight: bold");
                }
                flow.getChildren().add(t);
            }
            flow.setPrefWidth(360);
            getChildren().add(flow);
        }
    }
}
