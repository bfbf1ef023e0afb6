package org.blockscope.engine.data;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Mini-batches of a {@link Dataset}, one epoch at a time. Every epoch yields every image exactly
 * once, in {@code ceil(N / batchSize)} batches; the last batch holds the remainder.
 *
 * <p>{@link #training} shuffles and augments with a random stream derived from {@code (seed, epoch)}
 * only, so epoch 7 is the same whether or not epochs 0–6 were drawn. {@link #evaluation} keeps the
 * data set order and never augments. Pixels are normalised with the given {@link Normalization}.
 *
 * <p>The staging {@code float[]} is reused between batches of an iterator; each {@link Batch}
 * gets its own INDArray (copied off-heap), so consumers may keep batches.
 */
public final class Batches {

    private final Dataset data;
    private final int batchSize;
    private final Normalization normalization;
    private final Augmentation augmentation;
    private final boolean shuffle;
    private final long seed;

    private Batches(
            Dataset data,
            int batchSize,
            Normalization normalization,
            Augmentation augmentation,
            boolean shuffle,
            long seed) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1: " + batchSize);
        }
        normalization.checkChannels(data.shape().channels());
        this.data = data;
        this.batchSize = batchSize;
        this.normalization = normalization;
        this.augmentation = augmentation;
        this.shuffle = shuffle;
        this.seed = seed;
    }

    /** Shuffled per epoch and augmented; for the training set only. */
    public static Batches training(
            Dataset data, int batchSize, Normalization normalization, Augmentation augmentation, long seed) {
        return new Batches(data, batchSize, normalization, augmentation, true, seed);
    }

    /** In data set order, never augmented; for validation and test sets. */
    public static Batches evaluation(Dataset data, int batchSize, Normalization normalization) {
        return new Batches(data, batchSize, normalization, Augmentation.NONE, false, 0);
    }

    public int batchCount() {
        return (data.size() + batchSize - 1) / batchSize;
    }

    public int batchSize() {
        return batchSize;
    }

    public Augmentation augmentation() {
        return augmentation;
    }

    /** The batches of epoch {@code epoch} (0-based). */
    public Iterator<Batch> epoch(int epoch) {
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + epoch);
        int[] order = new int[data.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        if (shuffle) {
            for (int i = order.length - 1; i > 0; i--) { // Fisher–Yates
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
        return new EpochIterator(order, random);
    }

    private final class EpochIterator implements Iterator<Batch> {
        private final int[] order;
        private final SplittableRandom random;
        private final float[][] tables;
        private final float[] staging;
        private int next;

        EpochIterator(int[] order, SplittableRandom random) {
            this.order = order;
            this.random = random;
            int channels = data.shape().channels();
            this.tables = new float[channels][];
            for (int c = 0; c < channels; c++) {
                tables[c] = normalization.table(c);
            }
            this.staging = new float
                    [Math.toIntExact(
                            Math.min(batchSize, data.size()) * data.shape().elements())];
        }

        @Override
        public boolean hasNext() {
            return next < order.length;
        }

        @Override
        public Batch next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            int n = Math.min(batchSize, order.length - next);
            int size = (int) data.shape().elements();
            int[] labels = new int[n];
            int[] indices = new int[n];
            for (int b = 0; b < n; b++) {
                int index = order[next + b];
                indices[b] = index;
                labels[b] = data.label(index);
                writeImage(index, b * size);
            }
            next += n;
            float[] values = n * size == staging.length ? staging : java.util.Arrays.copyOf(staging, n * size);
            INDArray features = Nd4j.create(
                    values,
                    new long[] {
                        n,
                        data.shape().channels(),
                        data.shape().height(),
                        data.shape().width()
                    },
                    DataType.FLOAT);
            return new Batch(features, labels, indices);
        }

        private void writeImage(int index, int offset) {
            int h = data.shape().height();
            int w = data.shape().width();
            int p = augmentation.cropPadding();
            int dy = p > 0 ? random.nextInt(2 * p + 1) - p : 0;
            int dx = p > 0 ? random.nextInt(2 * p + 1) - p : 0;
            boolean flip = augmentation.horizontalFlip() && random.nextBoolean();
            for (int c = 0; c < tables.length; c++) {
                float[] table = tables[c];
                for (int y = 0; y < h; y++) {
                    int sy = y + dy;
                    for (int x = 0; x < w; x++) {
                        int sx = (flip ? w - 1 - x : x) + dx;
                        int raw = sy < 0 || sy >= h || sx < 0 || sx >= w ? 0 : data.raw(index, (c * h + sy) * w + sx);
                        staging[offset + (c * h + y) * w + x] = table[raw];
                    }
                }
            }
        }
    }
}
