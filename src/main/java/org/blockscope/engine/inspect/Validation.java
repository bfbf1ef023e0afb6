package org.blockscope.engine.inspect;

import java.util.List;
import org.blockscope.engine.train.Evaluation;

/** One inference pass over a validation set: the confusion matrix and loss, and some wrong answers. */
public record Validation(Evaluation evaluation, List<Wrong> wrong) {

    /** Image {@code index} of the validation set, of class {@code actual}, predicted as {@code predicted}. */
    public record Wrong(int index, int actual, int predicted, double confidence) {}
}
