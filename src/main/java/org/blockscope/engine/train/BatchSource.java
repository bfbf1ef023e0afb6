package org.blockscope.engine.train;

import java.util.Iterator;

/** The batches of one pass over a data set (training: shuffled per epoch; evaluation: fixed order). */
public interface BatchSource {
    int batchCount();

    /** The batches of epoch {@code epoch} (0-based); a shuffling source reshuffles per epoch, reproducibly. */
    Iterator<Batch> epoch(int epoch);
}
