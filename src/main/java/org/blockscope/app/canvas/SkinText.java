package org.blockscope.app.canvas;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.VPos;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;

/**
 * A line of text on a skin. Plain {@link Text}, not a Label: hundreds of nodes times five lines
 * would otherwise each carry a control skin, which made the first show of a 400-node graph take
 * seconds. Its font is set in code (the size is part of the semantic zoom, see {@link Detail}).
 * Long text is shortened with an ellipsis to fit its width; text that cannot show two characters
 * is not shown at all.
 */
final class SkinText extends Text {

    private static final String SANS = Font.getDefault().getFamily();

    /** The font, bound so that a style sheet pass cannot put the inherited 13 px back. */
    private final ObjectProperty<Font> fontValue = new SimpleObjectProperty<>(Font.getDefault());

    private String full = "";
    private boolean wanted = true;

    SkinText(String styleClass) {
        getStyleClass().addAll("skin-text", styleClass);
        setTextOrigin(VPos.CENTER);
        setTextAlignment(TextAlignment.CENTER);
        setManaged(false);
        fontProperty().bind(fontValue);
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
        if (!f.equals(fontValue.get())) {
            fontValue.set(f);
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
        // centred in its line: relocate puts the top of the text's bounds at the y given
        relocate(x, y + lineHeight / 2 - getLayoutBounds().getHeight() / 2);
    }

    /**
     * The name when zoomed out: at {@code big} if it fits {@code width}, else at {@code small}, else
     * in two lines broken after the underscore (or other separator) nearest the middle, so that a
     * name like {@code shortcut_conv} is read whole instead of cut. One line is centred in {@code
     * oneLine}, two in {@code twoLines} of height. Returns whether it took two lines.
     */
    boolean placeName(double x, double y, double oneLine, double twoLines, double width, double big, double small) {
        font(big, true, false);
        setText(full);
        if (getLayoutBounds().getWidth() > width) {
            font(small, true, false);
        }
        String two = getLayoutBounds().getWidth() > width ? broken(full) : null;
        if (two != null && wanted) {
            setText(two);
            if (getLayoutBounds().getWidth() <= width) {
                setVisible(true);
                relocate(
                        x + (width - getLayoutBounds().getWidth()) / 2,
                        y + (twoLines - getLayoutBounds().getHeight()) / 2);
                return true;
            }
        }
        placeCentred(x, y, oneLine, width);
        return false;
    }

    /** {@code s} in two lines, broken after the separator nearest its middle (or in the middle). */
    static String broken(String s) {
        int best = -1;
        for (int i = 1; i < s.length() - 1; i++) {
            char c = s.charAt(i);
            if ((c == '_' || c == '-' || c == '.' || c == '/')
                    && (best < 0 || Math.abs(i + 1 - s.length() / 2.0) < Math.abs(best - s.length() / 2.0))) {
                best = i + 1;
            }
        }
        int at = best > 0 ? best : s.length() / 2;
        return s.length() < 4 ? null : s.substring(0, at) + "\n" + s.substring(at);
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
