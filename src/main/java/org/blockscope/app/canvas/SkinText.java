package org.blockscope.app.canvas;

import javafx.geometry.VPos;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;

/**
 * A line of text on a skin. Plain {@link Text}, not a Label: hundreds of nodes times five lines
 * would otherwise each carry a control skin, which made the first show of a 400-node graph take
 * seconds. Its font is set in code (the size is part of the semantic zoom, see {@link Detail}).
 * Long text is shortened with an ellipsis to fit its width; text that cannot show two characters
 * is not shown at all.
 */
final class SkinText extends Text {

    private static final String SANS = Font.getDefault().getFamily();

    private String full = "";
    private boolean wanted = true;

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

    /** Sets the font if it differs ({@code mono}: the shape line). */
    void font(double size, boolean bold, boolean mono) {
        Font f = Font.font(mono ? "Monospaced" : SANS, bold ? FontWeight.BOLD : FontWeight.NORMAL, size);
        if (!f.equals(getFont())) {
            setFont(f);
        }
    }

    /** Whether the current detail level shows this line at all. */
    void want(boolean on) {
        wanted = on;
        if (!on) {
            setVisible(false);
        }
    }

    /** Places the text vertically centred in a line and shortens it to {@code maxWidth}. */
    void place(double x, double y, double lineHeight, double maxWidth) {
        if (!wanted) {
            setVisible(false);
            return;
        }
        if (!getText().equals(full)) {
            setText(full);
        }
        boolean fits = true;
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
            fits = lo >= Math.min(2, full.length());
        }
        setVisible(fits && !full.isEmpty() && getLayoutBounds().getHeight() <= lineHeight * 1.6 + 1);
        relocate(
                x,
                y
                        + lineHeight / 2
                        - getLayoutBounds().getMinY()
                        - getLayoutBounds().getHeight() / 2);
    }

    /** Places the text centred in a box of {@code width}. */
    void placeCentred(double x, double y, double lineHeight, double width) {
        place(x, y, lineHeight, width);
        if (isVisible()) {
            relocate(
                    x + (width - getLayoutBounds().getWidth()) / 2,
                    getLayoutY() + getLayoutBounds().getMinY());
        }
    }
}
