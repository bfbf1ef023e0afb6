package org.blockscope.engine.train;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An in-memory data set x [N, C, H, W] with labels, served in batches: shuffled per epoch with a
 * seeded generator when {@code shuffle}, else in order. The last batch may be smaller.
 */
public final class ArrayData implements DataFeed {
    private final INDArray x;
    private final INDArray rows;
    private final int[] labels;
    private final boolean shuffle;

    public ArrayData(INDArray x, int[] labels, boolean shuffle) {
        if (x.size(0) != labels.length) {
            throw new IllegalArgumentException(x.size(0) + " images, " + labels.length + " labels");
        }
        this.x = x;
        this.rows = x.dup('c').reshape('c', x.size(0), x.length() / x.size(0));
        this.labels = labels.clone();
        this.shuffle = shuffle;
    }

    public int size() {
        return labels.length;
    }

    @Override
    public BatchSource batches(int batchSize, long seed) {
        int n = labels.length;
        int count = (n + batchSize - 1) / batchSize;
        return new BatchSource() {
            @Override
            public int batchCount() {
                return count;
            }

            @Override
            public Iterator<Batch> epoch(int epoch) {
                int[] order = new int[n];
                for (int i = 0; i < n; i++) {
                    order[i] = i;
                }
                if (shuffle) {
                    Random r = new Random(seed * 7919 + epoch);
                    for (int i = n - 1; i > 0; i--) {
                        int j = r.nextInt(i + 1);
                        int t = order[i];
                        order[i] = order[j];
                        order[j] = t;
                    }
                }
                return new Iterator<>() {
                    int next;

                    @Override
                    public boolean hasNext() {
                        return next < count;
                    }

                    @Override
                    public Batch next() {
                        if (!hasNext()) {
                            throw new NoSuchElementException();
                        }
                        int from = next++ * batchSize;
                        int to = Math.min(n, from + batchSize);
                        long[] idx = new long[to - from];
                        int[] l = new int[to - from];
                        for (int i = from; i < to; i++) {
                            idx[i - from] = order[i];
                            l[i - from] = labels[order[i]];
                        }
                        return new Batch(Nd4j.pullRows(rows, 1, toInt(idx)).reshape('c', shape(x, idx.length)), l);
                    }
                };
            }
        };
    }

    private static long[] shape(INDArray x, int n) {
        long[] s = x.shape().clone();
        s[0] = n;
        return s;
    }

    private static int[] toInt(long[] a) {
        int[] r = new int[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = (int) a[i];
        }
        return r;
    }
}
