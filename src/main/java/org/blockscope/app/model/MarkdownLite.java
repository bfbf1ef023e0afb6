package org.blockscope.app.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The little Markdown the explanation files use: {@code #} and {@code ##} headings, paragraphs,
 * {@code - } bullets, {@code **bold**}, {@code *italic*} and {@code `formula`} spans. Anything else is plain text,
 * so a teacher's edit can never break the panel. Pure Java: no JavaFX.
 */
public final class MarkdownLite {

    public enum BlockType {
        HEADING,
        SUBHEADING,
        PARAGRAPH,
        BULLET
    }

    public enum Style {
        PLAIN,
        BOLD,
        ITALIC,
        CODE
    }

    public record Span(String text, Style style) {}

    public record Block(BlockType type, List<Span> spans) {
        public String text() {
            StringBuilder sb = new StringBuilder();
            spans.forEach(s -> sb.append(s.text()));
            return sb.toString();
        }
    }

    private MarkdownLite() {}

    public static List<Block> parse(String text) {
        List<Block> blocks = new ArrayList<>();
        StringBuilder paragraph = new StringBuilder();
        StringBuilder bullet = new StringBuilder();
        boolean fenced = false;
        for (String raw : text.replace("\r", "").split("\n")) {
            String line = raw.strip();
            if (line.startsWith("```")) { // fenced code: each line shown as code
                flush(paragraph, blocks);
                flushBullet(bullet, blocks);
                fenced = !fenced;
                continue;
            }
            if (fenced) {
                if (!line.isEmpty()) {
                    blocks.add(new Block(BlockType.PARAGRAPH, List.of(new Span(raw.stripTrailing(), Style.CODE))));
                }
                continue;
            }
            BlockType type = line.startsWith("## ")
                    ? BlockType.SUBHEADING
                    : line.startsWith("# ")
                            ? BlockType.HEADING
                            : line.startsWith("- ") || line.startsWith("* ") ? BlockType.BULLET : null;
            if (type == null && !line.isEmpty() && bullet.length() > 0 && Character.isWhitespace(raw.charAt(0))) {
                bullet.append(' ').append(line); // an indented line continues the bullet above
                continue;
            }
            if (line.isEmpty() || type != null) {
                flush(paragraph, blocks);
            }
            flushBullet(bullet, blocks);
            if (type == BlockType.BULLET) {
                bullet.append(line.substring(2).strip());
            } else if (type != null) {
                blocks.add(new Block(
                        type, spans(line.substring(line.indexOf(' ') + 1).strip())));
            } else if (!line.isEmpty()) {
                paragraph.append(paragraph.length() == 0 ? "" : " ").append(line);
            }
        }
        flush(paragraph, blocks);
        flushBullet(bullet, blocks);
        return blocks;
    }

    private static void flushBullet(StringBuilder bullet, List<Block> blocks) {
        if (bullet.length() > 0) {
            blocks.add(new Block(BlockType.BULLET, spans(bullet.toString())));
            bullet.setLength(0);
        }
    }

    private static void flush(StringBuilder paragraph, List<Block> blocks) {
        if (paragraph.length() > 0) {
            blocks.add(new Block(BlockType.PARAGRAPH, spans(paragraph.toString())));
            paragraph.setLength(0);
        }
    }

    static List<Span> spans(String line) {
        List<Span> out = new ArrayList<>();
        StringBuilder plain = new StringBuilder();
        int i = 0;
        while (i < line.length()) {
            String marker = line.startsWith("**", i)
                    ? "**"
                    : line.charAt(i) == '`'
                            ? "`"
                            : line.charAt(i) == '*' && i + 1 < line.length() && line.charAt(i + 1) != ' ' ? "*" : null;
            int end = marker == null ? -1 : line.indexOf(marker, i + marker.length());
            if (end < 0) {
                plain.append(line.charAt(i++));
                continue;
            }
            if (plain.length() > 0) {
                out.add(new Span(plain.toString(), Style.PLAIN));
                plain.setLength(0);
            }
            Style style = switch (marker) {
                case "`" -> Style.CODE;
                case "*" -> Style.ITALIC;
                default -> Style.BOLD;
            };
            out.add(new Span(line.substring(i + marker.length(), end), style));
            i = end + marker.length();
        }
        if (plain.length() > 0) {
            out.add(new Span(plain.toString(), Style.PLAIN));
        }
        return out;
    }
}
