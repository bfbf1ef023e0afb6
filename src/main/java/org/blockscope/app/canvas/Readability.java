package org.blockscope.app.canvas;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.scene.Node;

/**
 * How the visible text of a canvas is drawn now: how many lines are on screen and the smallest of
 * them, in screen pixels (font size times the zoom), with its text.
 */
public record Readability(int lines, double smallestPx, String smallest) {

    /** The lines of {@code v}'s blocks and stages that lie inside {@code host} on screen. */
    static Readability of(GraphView v, Node host, double zoom) {
        int lines = 0;
        double smallest = Double.MAX_VALUE;
        String which = "";
        List<SkinText> texts = new ArrayList<>();
        v.skins().forEach(s -> {
            if (s.isVisible()) {
                texts.addAll(s.texts());
            }
        });
        v.stageTexts().forEach(texts::add);
        Bounds screen = host.localToScene(host.getLayoutBounds());
        for (SkinText t : texts) {
            if (!t.isVisible() || t.getText().isEmpty()) {
                continue;
            }
            Bounds b = t.localToScene(t.getLayoutBounds());
            if (!b.intersects(screen)) {
                continue;
            }
            lines++;
            double px = t.getFont().getSize() * zoom;
            if (px < smallest) {
                smallest = px;
                which = t.getText();
            }
        }
        return new Readability(lines, lines == 0 ? Double.NaN : smallest, which);
    }
}
