package org.blockscope.engine.run;

import java.util.Iterator;
import org.blockscope.engine.data.Augmentation;
import org.blockscope.engine.data.Batches;
import org.blockscope.engine.data.Cifar10Loader;
import org.blockscope.engine.data.DataException;
import org.blockscope.engine.data.Dataset;
import org.blockscope.engine.data.ImageFolderLoader;
import org.blockscope.engine.data.MnistIdxLoader;
import org.blockscope.engine.data.Split;
import org.blockscope.engine.data.TrainingData;
import org.blockscope.engine.train.Batch;
import org.blockscope.engine.train.BatchSource;
import org.blockscope.engine.train.DataFeed;
import org.blockscope.graph.Shape;

/** Loads a {@link DataSpec} at the network's input shape and serves it to the trainer. */
public final class DataLoading {

    private DataLoading() {}

    /** Train/validation split with normalisation fitted on the training part. */
    public static TrainingData load(DataSpec spec, Shape input, double valFraction, long seed, Augmentation aug)
            throws DataException {
        Split split;
        if (spec instanceof DataSpec.Folder f) {
            split = f.validation() == null
                    ? Split.bySeed(ImageFolderLoader.load(f.train(), input), valFraction, seed)
                    : Split.of(ImageFolderLoader.load(f.train(), input), ImageFolderLoader.load(f.validation(), input));
        } else if (spec instanceof DataSpec.Mnist m) {
            Dataset train = MnistIdxLoader.load(m.trainImages(), m.trainLabels(), input);
            split = m.testImages() != null && m.testLabels() != null
                    ? Split.of(train, MnistIdxLoader.load(m.testImages(), m.testLabels(), input))
                    : Split.bySeed(train, valFraction, seed);
        } else {
            DataSpec.Cifar c = (DataSpec.Cifar) spec;
            Dataset train = Cifar10Loader.loadTraining(c.folder(), input);
            split = c.hasTest()
                    ? Split.of(train, Cifar10Loader.loadTest(c.folder(), input))
                    : Split.bySeed(train, valFraction, seed);
        }
        if (split.train().size() == 0) {
            throw new DataException(split.train().report().source() + ": no training images left after holding out "
                    + split.validation().size() + " for validation; lower the validation fraction or add images");
        }
        return TrainingData.prepare(split, aug);
    }

    /** One data set, all of it, for evaluation. */
    public static Dataset loadAll(DataSpec spec, Shape input) throws DataException {
        if (spec instanceof DataSpec.Folder f) {
            return ImageFolderLoader.load(f.train(), input);
        }
        if (spec instanceof DataSpec.Mnist m) {
            return m.testImages() != null
                    ? MnistIdxLoader.load(m.testImages(), m.testLabels(), input)
                    : MnistIdxLoader.load(m.trainImages(), m.trainLabels(), input);
        }
        DataSpec.Cifar c = (DataSpec.Cifar) spec;
        return c.hasTest() ? Cifar10Loader.loadTest(c.folder(), input) : Cifar10Loader.loadTraining(c.folder(), input);
    }

    public static DataFeed trainingFeed(TrainingData data) {
        return (size, seed) -> source(data.trainingBatches(size, seed));
    }

    public static DataFeed validationFeed(TrainingData data) {
        return (size, seed) -> source(data.validationBatches(size));
    }

    /** The data layer's batches as the trainer's batch source. */
    public static BatchSource source(Batches batches) {
        return new BatchSource() {
            @Override
            public int batchCount() {
                return batches.batchCount();
            }

            @Override
            public Iterator<Batch> epoch(int epoch) {
                Iterator<org.blockscope.engine.data.Batch> it = batches.epoch(epoch);
                return new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        return it.hasNext();
                    }

                    @Override
                    public Batch next() {
                        org.blockscope.engine.data.Batch b = it.next();
                        return new Batch(b.features(), b.labels());
                    }
                };
            }
        };
    }
}
