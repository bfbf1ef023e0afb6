package org.blockscope.design;

/**
 * One candidate trained for a few epochs: its validation accuracy and loss after the last epoch,
 * the seconds it took, and why it failed (null when it did not).
 */
public record Trial(Candidate candidate, double accuracy, double loss, double seconds, String failure) {

    public boolean ok() {
        return failure == null && !Double.isNaN(accuracy);
    }

    /** Top-1 error, 1 − accuracy. */
    public double error() {
        return 1 - accuracy;
    }
}
