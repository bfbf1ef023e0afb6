package org.blockscope.primitive;

/**
 * A node's values for the probe image as the step-through saw them, with their summary numbers:
 * what {@link PrimitiveRule#describe} puts into words.
 */
public record Observed(
        float[] values, double min, double max, double mean, double std, double negativeFraction, boolean vector) {}
