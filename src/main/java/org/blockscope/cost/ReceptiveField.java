package org.blockscope.cost;

/**
 * Receptive field of a tensor position, in input pixels: {@code size} is how many input pixels
 * (per axis) one output value sees, {@code jump} the distance in input pixels between neighbouring
 * output values.
 * r_out = r_in + (k_eff − 1)·j_in,  j_out = j_in·s,  k_eff = d(k−1)+1   (Araujo et al. 2019, Distill)
 */
public record ReceptiveField(int size, int jump) {

    public static final ReceptiveField PIXEL = new ReceptiveField(1, 1);

    public ReceptiveField through(int kernel, int stride, int dilation) {
        int kEff = dilation * (kernel - 1) + 1;
        return new ReceptiveField(
                Counting.clamp(size + (long) (kEff - 1) * jump), Counting.clamp((long) jump * stride));
    }

    /** A layer that sees the whole {@code extent}-pixel-wide map (global pool, flatten, FC). */
    public ReceptiveField whole(int extent) {
        return new ReceptiveField(
                Counting.clamp(size + (long) (extent - 1) * jump), Counting.clamp((long) jump * extent));
    }

    public static ReceptiveField widest(ReceptiveField a, ReceptiveField b) {
        return new ReceptiveField(Math.max(a.size, b.size), Math.max(a.jump, b.jump));
    }

    @Override
    public String toString() {
        return size + " (jump " + jump + ")";
    }
}
