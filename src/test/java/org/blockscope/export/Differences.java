package org.blockscope.export;

/** The measure the export tests hold to: the largest logit difference relative to the largest logit. */
final class Differences {

    private Differences() {}

    /** max |a − b| over every image and class, divided by max |b| (b is Blockscope's prediction). */
    static double relative(float[][] a, float[][] b) {
        double diff = 0;
        double scale = 0;
        for (int i = 0; i < b.length; i++) {
            if (a[i].length != b[i].length) {
                throw new AssertionError("image " + i + ": " + a[i].length + " vs " + b[i].length + " classes");
            }
            for (int k = 0; k < b[i].length; k++) {
                diff = Math.max(diff, Math.abs((double) a[i][k] - b[i][k]));
                scale = Math.max(scale, Math.abs((double) b[i][k]));
            }
        }
        return diff / Math.max(scale, 1e-30);
    }

    /** max |a − b|. */
    static double absolute(float[][] a, float[][] b) {
        double diff = 0;
        for (int i = 0; i < b.length; i++) {
            for (int k = 0; k < b[i].length; k++) {
                diff = Math.max(diff, Math.abs((double) a[i][k] - b[i][k]));
            }
        }
        return diff;
    }
}
