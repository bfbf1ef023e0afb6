package org.blockscope.app.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.blockscope.engine.data.Dataset;
import org.blockscope.engine.inspect.ModelProbe;
import org.blockscope.engine.inspect.Validation;
import org.blockscope.engine.run.TrainingRun;
import org.blockscope.engine.train.Evaluation;
import org.blockscope.graph.Shape;

/**
 * What the validation set says at the end of a run: the confusion matrix, per-class accuracy and
 * some misclassified images (in validation order).
 */
public record RunResult(Evaluation evaluation, List<String> classNames, List<Misclassified> misclassified) {

    /** One wrong answer: image {@code index} of the validation set. */
    public record Misclassified(int index, int actual, int predicted, double confidence, Shape shape, float[] pixels) {}

    /** A confusion-matrix cell: {@code count} images of class {@code actual} predicted as {@code predicted}. */
    public record Cell(int actual, int predicted, long count, double rowFraction) {}

    /**
     * One inference pass over the validation set (the model must be idle). Same numbers as
     * {@link TrainingRun#evaluateValidation}, plus the indices of wrong answers.
     */
    public static RunResult compute(TrainingRun run, int batchSize, int maxMisclassified) {
        Validation v = ModelProbe.validate(run, batchSize, maxMisclassified);
        Dataset val = run.data().split().validation();
        List<Misclassified> wrong = new ArrayList<>();
        for (Validation.Wrong w : v.wrong()) {
            wrong.add(new Misclassified(
                    w.index(), w.actual(), w.predicted(), w.confidence(), val.shape(), val.image(w.index())));
        }
        return new RunResult(v.evaluation(), run.classNames(), wrong);
    }

    /** Every cell, row by row (true class), with the fraction of its row for the heat-map colour. */
    public List<Cell> cells() {
        long[][] c = evaluation.confusion();
        List<Cell> out = new ArrayList<>();
        for (int a = 0; a < c.length; a++) {
            long row = 0;
            for (long v : c[a]) {
                row += v;
            }
            for (int p = 0; p < c[a].length; p++) {
                out.add(new Cell(a, p, c[a][p], row == 0 ? 0 : c[a][p] / (double) row));
            }
        }
        return out;
    }

    /** "3: 94.0% (94 of 100)" per class. */
    public List<String> perClassLines() {
        double[] acc = evaluation.perClassAccuracy();
        long[][] c = evaluation.confusion();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < acc.length; i++) {
            long row = 0;
            for (long v : c[i]) {
                row += v;
            }
            out.add(String.format(
                    Locale.ROOT,
                    "%s: %s (%d of %d)",
                    name(i),
                    Double.isNaN(acc[i]) ? "no images" : String.format(Locale.ROOT, "%.1f%%", 100 * acc[i]),
                    c[i][i],
                    row));
        }
        return out;
    }

    public String summary() {
        return String.format(
                Locale.ROOT,
                "validation accuracy %.1f%% on %d images, loss %.4f",
                100 * evaluation.accuracy(),
                evaluation.total(),
                evaluation.loss());
    }

    public String name(int cls) {
        return cls < classNames.size() ? classNames.get(cls) : "class " + cls;
    }
}
