package org.blockscope.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;
import org.blockscope.analysis.NetworkAnalysis;
import org.blockscope.graph.Graph;
import org.blockscope.shape.Expander;
import org.blockscope.templates.Flatten;
import org.blockscope.templates.Templates;

/**
 * How long shape inference plus costs take for DenseNet-201: as the template (named blocks) with a
 * warm and a cold expansion cache, and fully flattened into ~700 primitive nodes (what the canvas
 * holds after ungrouping everything). Median of many runs after a JIT warm-up.
 */
final class AnalysisBench {

    private AnalysisBench() {}

    static void run(PrintWriter out, int runs) {
        Graph blocks = Templates.graph("densenet201");
        Graph flat = Flatten.toPrimitives(blocks);
        NetworkAnalysis check = NetworkAnalysis.of(flat);
        out.printf(
                Locale.ROOT,
                "DenseNet-201: %d top-level nodes, %d primitives when flattened, %,d params%n",
                blocks.size(),
                flat.size(),
                check.total().params());
        out.printf(
                Locale.ROOT,
                "  flattened graph, analysis      median %.3f ms%n",
                median(runs, () -> NetworkAnalysis.of(flat)));
        out.printf(
                Locale.ROOT,
                "  block graph, warm cache        median %.3f ms%n",
                median(runs, () -> NetworkAnalysis.of(blocks)));
        out.printf(Locale.ROOT, "  block graph, cold cache        median %.3f ms%n", median(runs, () -> {
            Expander.clearCache();
            NetworkAnalysis.of(blocks);
        }));
        out.flush();
    }

    private static double median(int runs, Runnable r) {
        for (int i = 0; i < Math.max(500, runs); i++) {
            r.run();
        }
        double[] t = new double[runs];
        for (int i = 0; i < runs; i++) {
            long s = System.nanoTime();
            r.run();
            t[i] = (System.nanoTime() - s) / 1e6;
        }
        Arrays.sort(t);
        return t[runs / 2];
    }
}
