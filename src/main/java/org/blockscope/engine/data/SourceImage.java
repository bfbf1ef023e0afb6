package org.blockscope.engine.data;

/**
 * A decoded image before conversion: {@code channels} (1 grey or 3 RGB) planes of {@code h×w}
 * values in [0,1], CHW order.
 */
record SourceImage(int channels, int height, int width, float[] planes) {

    /** 8-bit pixels in CHW order, e.g. one MNIST or CIFAR-10 record. */
    static SourceImage ofBytes(int channels, int height, int width, byte[] data, int offset) {
        float[] planes = new float[channels * height * width];
        for (int i = 0; i < planes.length; i++) {
            planes[i] = (data[offset + i] & 0xFF) / 255f;
        }
        return new SourceImage(channels, height, width, planes);
    }
}
