package org.blockscope.cli;

import java.util.List;
import java.util.Locale;
import org.blockscope.engine.train.Evaluation;

/** Per-class accuracy and the confusion matrix (rows: true class, columns: predicted). */
final class ConfusionTable {

    private ConfusionTable() {}

    static String text(List<String> names, Evaluation ev) {
        int k = ev.classes();
        int w = Math.max(6, names.stream().mapToInt(String::length).max().orElse(1) + 1);
        StringBuilder sb = new StringBuilder();
        double[] per = ev.perClassAccuracy();
        sb.append(String.format(Locale.ROOT, "%-" + w + "s %8s%n", "class", "accuracy"));
        for (int i = 0; i < k; i++) {
            sb.append(String.format(Locale.ROOT, "%-" + w + "s %8.4f%n", names.get(i), per[i]));
        }
        sb.append('\n').append("confusion matrix (rows: true class, columns: predicted)\n");
        sb.append(" ".repeat(w));
        for (int j = 0; j < k; j++) {
            sb.append(String.format(Locale.ROOT, "%" + w + "s", abbreviate(names.get(j), w - 1)));
        }
        sb.append('\n');
        for (int i = 0; i < k; i++) {
            sb.append(String.format(Locale.ROOT, "%-" + w + "s", abbreviate(names.get(i), w - 1)));
            for (int j = 0; j < k; j++) {
                sb.append(String.format(Locale.ROOT, "%" + w + "d", ev.confusion()[i][j]));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String abbreviate(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n);
    }
}
