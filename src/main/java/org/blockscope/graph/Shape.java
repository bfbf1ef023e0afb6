package org.blockscope.graph;

/**
 * The shape of one image's tensor as it flows between nodes (the batch axis is implicit).
 * A feature map is {@code C×H×W}; a vector (after global pooling, flatten or a fully connected
 * layer) has {@code height == width == 1} and {@code vector == true}.
 */
public record Shape(int channels, int height, int width, boolean vector) {

    public Shape {
        if (vector && (height != 1 || width != 1)) {
            throw new IllegalArgumentException("a vector shape has height and width 1");
        }
    }

    public static Shape map(int channels, int height, int width) {
        return new Shape(channels, height, width, false);
    }

    public static Shape vector(int length) {
        return new Shape(length, 1, 1, true);
    }

    /** Number of elements per image. */
    public long elements() {
        return (long) channels * height * width;
    }

    public boolean sameSpatial(Shape other) {
        return height == other.height && width == other.width;
    }

    /** {@code 64×56×56} for a feature map, {@code 1000} for a vector. */
    @Override
    public String toString() {
        return vector ? Integer.toString(channels) : channels + "×" + height + "×" + width;
    }

    /** Parses {@code 3x224x224}, {@code 3×224×224} or a single length for a vector. */
    public static Shape parse(String text) {
        String[] parts = text.trim().split("[x×X*]");
        try {
            int[] sizes = new int[parts.length];
            for (int i = 0; i < parts.length; i++) {
                sizes[i] = Integer.parseInt(parts[i].trim());
            }
            if (java.util.Arrays.stream(sizes).anyMatch(n -> n < 1)) {
                throw new IllegalArgumentException("every size must be at least 1, got '" + text + "'");
            }
            if (parts.length == 1) {
                return vector(sizes[0]);
            }
            if (parts.length == 3) {
                return map(sizes[0], sizes[1], sizes[2]);
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException("expected a shape like 3x224x224, got '" + text + "'");
    }
}
