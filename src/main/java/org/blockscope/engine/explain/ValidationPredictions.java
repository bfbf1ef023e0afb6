package org.blockscope.engine.explain;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.blockscope.engine.compile.Model;
import org.blockscope.engine.data.Batch;
import org.blockscope.engine.data.Batches;
import org.blockscope.engine.data.Dataset;
import org.blockscope.engine.data.Normalization;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The predicted class of every image of a data set (inference mode), so a confusion-matrix cell can list
 * its images: {@code predicted[i]} for image i, with {@code confidence[i]} its probability.
 */
public record ValidationPredictions(int[] actual, int[] predicted, float[] confidence) {

    public static ValidationPredictions of(Model m, Dataset data, Normalization normalization, int batchSize) {
        int n = data.size();
        int[] predicted = new int[n];
        float[] confidence = new float[n];
        for (Iterator<Batch> it =
                        Batches.evaluation(data, batchSize, normalization).epoch(0);
                it.hasNext(); ) {
            Batch b = it.next();
            INDArray p = m.infer(b.features().castTo(m.dataType())).castTo(DataType.FLOAT);
            INDArray arg = p.argMax(1);
            for (int i = 0; i < b.size(); i++) {
                int k = arg.getInt(i);
                predicted[b.indices()[i]] = k;
                confidence[b.indices()[i]] = p.getFloat(i, k);
            }
        }
        return new ValidationPredictions(data.labels(), predicted, confidence);
    }

    /** Indices of the images of class {@code actual} predicted as {@code predicted}, in data set order. */
    public List<Integer> cell(int actual, int predicted) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < this.actual.length; i++) {
            if (this.actual[i] == actual && this.predicted[i] == predicted) {
                out.add(i);
            }
        }
        return out;
    }
}
