package org.blockscope.app.canvas;

import javafx.geometry.VPos;
import javafx.scene.text.Text;

/**
 * A line of text on a skin. Plain {@link Text}, not a Label: hundreds of nodes times five lines
 * would otherwise each carry a control skin, which made the first show of a 400-node graph take
 * seconds. Long text is shortened with an ellipsis to fit its width after CSS has set the font.
 */
final class SkinText extends Text {

    private String full = "";

    SkinText(String styleClass) {
        getStyleClass().addAll("skin-text", styleClass);
        setTextOrigin(VPos.CENTER);
        setManaged(false);
    }

    void setFull(String s) {
        if (!s.equals(full)) {
            full = s;
            setText(s);
            if (getParent() != null) {
                getParent().requestLayout();
            }
        }
    }

    String full() {
        return full;
    }

    /** Places the text vertically centred in a line and shortens it to {@code maxWidth}. */
    void place(double x, double y, double lineHeight, double maxWidth) {
        if (!getText().equals(full)) {
            setText(full);
        }
        if (getLayoutBounds().getWidth() > maxWidth && full.length() > 1) {
            int lo = 0;
            int hi = full.length();
            while (lo < hi) { // longest prefix that fits with "…"
                int mid = (lo + hi + 1) / 2;
                setText(full.substring(0, mid) + "…");
                if (getLayoutBounds().getWidth() <= maxWidth) {
                    lo = mid;
                } else {
                    hi = mid - 1;
                }
            }
            setText(full.substring(0, lo) + "…");
        }
        relocate(
                x,
                y
                        + lineHeight / 2
                        - getLayoutBounds().getMinY()
                        - getLayoutBounds().getHeight() / 2);
    }
}
