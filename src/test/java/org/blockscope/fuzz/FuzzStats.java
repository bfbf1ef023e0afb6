package org.blockscope.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Counts of the fuzz suite (cases, clear refusals, correct acceptances) per target, written to
 * {@code target/fuzz-summary.txt}, and the one check every refusal must pass.
 */
final class FuzzStats {

    /** A Java exception or error class name ({@code NullPointerException}, {@code OutOfMemoryError}). */
    private static final Pattern CLASS_NAME = Pattern.compile("\\b[A-Z][A-Za-z]*(Exception|Error)\\b");

    private static final Map<String, long[]> COUNTS = new TreeMap<>();

    private FuzzStats() {}

    static synchronized void refused(String target) {
        COUNTS.computeIfAbsent(target, k -> new long[2])[0]++;
    }

    static synchronized void accepted(String target) {
        COUNTS.computeIfAbsent(target, k -> new long[2])[1]++;
    }

    /** A message fit for the user: one line, not blank, without Java's or Jackson's names. */
    static void clear(String message, String context) {
        assertThat(message).as(context).isNotBlank();
        assertThat(message.strip()).as(context).doesNotContain("\n", "\r");
        assertThat(message)
                .as(context)
                .doesNotContainPattern(CLASS_NAME)
                .doesNotContain("java.", "jackson", "Source:", "(code ", "at org.", "because \"", "Cannot invoke");
    }

    /** Appends this class's counts to {@code target/fuzz-summary.txt} and prints them. */
    static synchronized void report(String suite) {
        StringBuilder sb = new StringBuilder();
        long cases = 0;
        long refused = 0;
        long accepted = 0;
        for (Map.Entry<String, long[]> e : COUNTS.entrySet()) {
            long[] c = e.getValue();
            sb.append(String.format(
                    "%-44s %6d cases %6d refused clearly %6d accepted%n", e.getKey(), c[0] + c[1], c[0], c[1]));
            cases += c[0] + c[1];
            refused += c[0];
            accepted += c[1];
        }
        sb.append(String.format(
                "%-44s %6d cases %6d refused clearly %6d accepted%n", suite + " total", cases, refused, accepted));
        COUNTS.clear();
        System.out.print(sb);
        try {
            Files.createDirectories(Path.of("target"));
            Files.writeString(
                    Path.of("target", "fuzz-summary.txt"), sb, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
