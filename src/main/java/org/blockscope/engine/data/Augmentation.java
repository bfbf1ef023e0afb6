package org.blockscope.engine.data;

/**
 * Random changes applied to <b>training</b> batches only ({@link Batches#training}); validation
 * and probe images are never augmented. Per image, drawn from the epoch's seeded random stream:
 * <ul>
 *   <li>{@code cropPadding = p > 0}: pad the image by {@code p} black pixels (value 0 before
 *       normalisation) on every side, then crop back to H×W at a random offset in [−p, p]² —
 *       the CIFAR recipe is {@code p = 4} (He et al. 2016, ResNet §4.2);</li>
 *   <li>{@code horizontalFlip}: mirror left–right with probability 1/2. Off for digits (a
 *       mirrored 2 or 7 is not a digit), on for photographs.</li>
 * </ul>
 * The crop is applied first, then the flip (the torchvision order).
 */
public record Augmentation(boolean horizontalFlip, int cropPadding) {

    public static final Augmentation NONE = new Augmentation(false, 0);

    public Augmentation {
        if (cropPadding < 0) {
            throw new IllegalArgumentException("crop padding must be >= 0: " + cropPadding);
        }
    }

    /** Random crop with 4 pixels of padding, no flip (for digits and other orientation-bound images). */
    public static Augmentation cropOnly() {
        return new Augmentation(false, 4);
    }

    /** Random crop with 4 pixels of padding and horizontal flip (the CIFAR-10 recipe). */
    public static Augmentation cropAndFlip() {
        return new Augmentation(true, 4);
    }

    public boolean isNone() {
        return !horizontalFlip && cropPadding == 0;
    }

    @Override
    public String toString() {
        if (isNone()) {
            return "none";
        }
        String crop = cropPadding > 0 ? "random crop (pad " + cropPadding + ")" : "no crop";
        return crop + ", horizontal flip " + (horizontalFlip ? "on" : "off");
    }
}
