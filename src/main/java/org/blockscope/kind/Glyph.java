package org.blockscope.kind;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A palette icon as data, drawn on a 20×20 tile in the kind's category colour. One mark per
 * {@code ;}: {@code rect x y w h}, {@code dashed x y w h} (a dashed rectangle), {@code line x1 y1 x2 y2
 * ...} (a polyline), {@code dot x y} (filled), {@code ring x y} (hollow), {@code grid x y n cell}
 * (n×n squares) and {@code path <SVG path data>}. Kept as text so each kind's table row states its
 * icon and the core tests every icon without JavaFX.
 */
public final class Glyph {

    public static final String DASHED_BOX = "dashed 4 4 12 12";
    public static final String BRANCHES = "line 10 3 10 6; line 10 6 5 10; line 10 6 10 10; line 10 6 15 10;"
            + " dot 5 12; dot 10 12; dot 15 12; line 5 13 10 17 15 13";
    public static final String SKIP =
            "rect 7 3 6 5; rect 7 12 6 5; line 10 8 10 12; path M13 5.5 C18 5.5 18 14.5 13 14.5";
    public static final String DENSE = "rect 3 4 3 12; rect 8 4 3 12; rect 13 4 4 12; path M4.5 4 C4.5 1 14 1 14 4";

    /** The kinds of marks. */
    public enum Type {
        RECT(4),
        DASHED(4),
        LINE(-1),
        DOT(2),
        RING(2),
        GRID(4),
        PATH(0);

        private final int numbers;

        Type(int numbers) {
            this.numbers = numbers;
        }
    }

    /** One mark: its type, its numbers, and for {@code path} its SVG path data. */
    public record Mark(Type type, double[] numbers, String path) {}

    private Glyph() {}

    /** The marks of a glyph. @throws IllegalArgumentException naming the mark that cannot be read */
    public static List<Mark> parse(String glyph) {
        List<Mark> marks = new ArrayList<>();
        for (String part : glyph.split(";")) {
            String m = part.strip();
            if (m.isEmpty()) {
                continue;
            }
            int space = m.indexOf(' ');
            String word = space < 0 ? m : m.substring(0, space);
            String rest = space < 0 ? "" : m.substring(space + 1).strip();
            Type type;
            try {
                type = Type.valueOf(word.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown mark '" + word + "' in glyph '" + glyph + "'");
            }
            if (type == Type.PATH) {
                if (rest.isEmpty()) {
                    throw new IllegalArgumentException("path without data in glyph '" + glyph + "'");
                }
                marks.add(new Mark(type, new double[0], rest));
                continue;
            }
            String[] tokens = rest.isEmpty() ? new String[0] : rest.split("\\s+");
            double[] numbers = new double[tokens.length];
            for (int i = 0; i < tokens.length; i++) {
                numbers[i] = Double.parseDouble(tokens[i]);
            }
            boolean ok =
                    type.numbers < 0 ? numbers.length >= 4 && numbers.length % 2 == 0 : numbers.length == type.numbers;
            if (!ok) {
                throw new IllegalArgumentException("mark '" + m + "' has " + numbers.length + " numbers");
            }
            marks.add(new Mark(type, numbers, null));
        }
        if (marks.isEmpty()) {
            throw new IllegalArgumentException("empty glyph");
        }
        return marks;
    }
}
