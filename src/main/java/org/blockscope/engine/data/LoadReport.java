package org.blockscope.engine.data;

import java.util.List;

/**
 * What a loader did: where the data came from, how many images it loaded, which files it skipped
 * (and why) and any warnings (e.g. an empty class folder that was left out).
 */
public record LoadReport(String source, int loaded, List<Skipped> skipped, List<String> warnings) {

    public LoadReport {
        skipped = List.copyOf(skipped);
        warnings = List.copyOf(warnings);
    }

    public static LoadReport clean(String source, int loaded) {
        return new LoadReport(source, loaded, List.of(), List.of());
    }

    @Override
    public String toString() {
        StringBuilder text =
                new StringBuilder(source).append(": ").append(loaded).append(" images");
        if (!skipped.isEmpty()) {
            text.append(", ").append(skipped.size()).append(" skipped");
        }
        skipped.forEach(s -> text.append("\n  skipped ").append(s));
        warnings.forEach(w -> text.append("\n  warning: ").append(w));
        return text.toString();
    }
}
