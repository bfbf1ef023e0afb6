package org.blockscope.engine.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A training set and a validation set with the same classes and image shape: either split from
 * one data set ({@link #bySeed}) or loaded from two folders ({@link #of}).
 */
public record Split(Dataset train, Dataset validation) {

    public Split {
        if (!train.shape().equals(validation.shape())) {
            throw new IllegalArgumentException(
                    "training images are " + train.shape() + ", validation images " + validation.shape());
        }
    }

    /**
     * Training and validation loaded separately (e.g. {@code digits/train} and {@code digits/val}).
     *
     * @throws DataException if the two folders do not have the same class names
     */
    public static Split of(Dataset train, Dataset validation) throws DataException {
        if (!train.classNames().equals(validation.classNames())) {
            throw new DataException("training data (" + train.report().source() + ") has classes "
                    + train.classNames() + " but validation data ("
                    + validation.report().source() + ") has "
                    + validation.classNames());
        }
        return new Split(train, validation);
    }

    /**
     * Stratified split: in each class, {@code round(count · valFraction)} images chosen at random
     * with {@code seed} go to validation (at least one if the class has two or more images and the
     * fraction is positive), the rest to training. Both parts keep the data set order. The same
     * data, fraction and seed always give the same split.
     */
    public static Split bySeed(Dataset data, double valFraction, long seed) {
        if (!(valFraction >= 0 && valFraction < 1)) {
            throw new IllegalArgumentException("validation fraction must be in [0, 1): " + valFraction);
        }
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < data.classCount(); c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < data.size(); i++) {
            byClass.get(data.label(i)).add(i);
        }
        boolean[] toValidation = new boolean[data.size()];
        for (int c = 0; c < byClass.size(); c++) {
            List<Integer> members = byClass.get(c);
            int take = (int) Math.round(members.size() * valFraction);
            if (take == 0 && valFraction > 0 && members.size() >= 2) {
                take = 1;
            }
            SplittableRandom random = new SplittableRandom(seed * 1_000_003L + c);
            int[] pool = members.stream().mapToInt(Integer::intValue).toArray();
            for (int k = 0; k < take; k++) { // partial Fisher–Yates: the first `take` are chosen
                int j = k + random.nextInt(pool.length - k);
                int t = pool[k];
                pool[k] = pool[j];
                pool[j] = t;
                toValidation[pool[k]] = true;
            }
        }
        int[] trainIdx = indices(toValidation, false);
        int[] valIdx = indices(toValidation, true);
        String source = data.report().source();
        return new Split(
                data.subset(trainIdx, source + " (training part, seed " + seed + ")"),
                data.subset(valIdx, source + " (validation part " + valFraction + ", seed " + seed + ")"));
    }

    private static int[] indices(boolean[] flags, boolean wanted) {
        int[] out = new int[flags.length];
        int n = 0;
        for (int i = 0; i < flags.length; i++) {
            if (flags[i] == wanted) {
                out[n++] = i;
            }
        }
        return Arrays.copyOf(out, n);
    }
}
