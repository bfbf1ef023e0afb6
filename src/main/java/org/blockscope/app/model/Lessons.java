package org.blockscope.app.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Sample lessons: plain Markdown files in {@code resources/lessons/} (listed in {@code index.txt}),
 * each starting with a title line and {@code template:}/{@code compare:}/{@code summary:} lines
 * that say which network the lesson opens. A teacher can add one by writing a file.
 */
public final class Lessons {

    public record Lesson(
            String id, String title, String template, Optional<String> compare, String summary, String text) {}

    private Lessons() {}

    public static List<Lesson> fromClasspath() {
        return load(name -> {
            try (InputStream in = Lessons.class.getResourceAsStream("/org/blockscope/res/lessons/" + name)) {
                return in == null
                        ? Optional.empty()
                        : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                return Optional.empty();
            }
        });
    }

    /** Lessons named in {@code index.txt}; a file that is missing or has no template line is skipped. */
    public static List<Lesson> load(Function<String, Optional<String>> files) {
        List<Lesson> out = new ArrayList<>();
        for (String id : files.apply("index.txt")
                .orElse("")
                .lines()
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .toList()) {
            files.apply(id + ".md").flatMap(text -> parse(id, text)).ifPresent(out::add);
        }
        return out;
    }

    static Optional<Lesson> parse(String id, String text) {
        String title = null;
        String template = null;
        String compare = null;
        String summary = "";
        StringBuilder body = new StringBuilder();
        boolean header = true;
        for (String line : text.split("\n", -1)) {
            if (header && title == null && line.startsWith("# ")) {
                title = line.substring(2).trim();
                body.append(line).append('\n');
            } else if (header && line.startsWith("template:")) {
                template = line.substring(9).trim();
            } else if (header && line.startsWith("compare:")) {
                compare = line.substring(8).trim();
            } else if (header && line.startsWith("summary:")) {
                summary = line.substring(8).trim();
            } else {
                header = header && line.isBlank() && title == null;
                body.append(line).append('\n');
            }
        }
        if (title == null || template == null) {
            return Optional.empty();
        }
        return Optional.of(new Lesson(
                id,
                title,
                template,
                Optional.ofNullable(compare),
                summary,
                body.toString().strip()));
    }
}
