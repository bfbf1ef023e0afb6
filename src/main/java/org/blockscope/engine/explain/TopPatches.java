package org.blockscope.engine.explain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import org.blockscope.engine.compile.Mode;
import org.blockscope.engine.compile.Model;
import org.blockscope.engine.data.Batch;
import org.blockscope.engine.data.Batches;
import org.blockscope.engine.data.Dataset;
import org.blockscope.engine.data.Normalization;
import org.blockscope.graph.Shape;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What each channel of a node responds to (Zeiler and Fergus 2014, section 4; Girshick et al. 2014,
 * section 3.1): over a data set, the {@code k} images in which the channel's strongest activation is
 * highest, each shown as the patch of the image that this strongest position sees (its receptive field,
 * clipped at the borders). One patch per image, so a channel's grid shows k different images.
 */
public record TopPatches(String path, int k, int images, List<ChannelPatches> channels) {

    /**
     * Image {@code image} of the data set (class {@code label}): its strongest activation {@code value} at
     * output position (y, x), which sees {@code rect}; {@code crop} holds those pixels, C×h×w in [0, 1].
     */
    public record Patch(int image, int label, float value, int y, int x, ReceptiveFields.Rect rect, float[] crop) {}

    /** The top patches of one channel, strongest first. */
    public record ChannelPatches(int channel, List<Patch> patches) {}

    private record Hit(int image, int label, float value, int y, int x) {}

    /**
     * Runs the data set through {@code m} (inference mode, in batches) and keeps, per channel of the output
     * of primitive {@code path}, the k best images. {@code progress} receives the number of images done.
     *
     * @throws CancellationException when {@code cancelled} turns true (checked between batches)
     */
    public static TopPatches compute(
            Model m,
            Dataset data,
            Normalization normalization,
            String path,
            int k,
            int batchSize,
            BooleanSupplier cancelled,
            IntConsumer progress) {
        Shape out = m.expanded()
                .primitive(path)
                .orElseThrow(() -> new IllegalArgumentException("no primitive '" + path + "'"))
                .output();
        int channels = out.channels();
        int plane = out.height() * out.width();
        List<PriorityQueue<Hit>> best = new ArrayList<>();
        for (int c = 0; c < channels; c++) {
            best.add(new PriorityQueue<>(Comparator.comparingDouble(Hit::value)));
        }
        boolean fast = m.fastTraining();
        m.fastTraining(false);
        int done = 0;
        try {
            for (Iterator<Batch> it =
                            Batches.evaluation(data, batchSize, normalization).epoch(0);
                    it.hasNext(); ) {
                if (cancelled.getAsBoolean()) {
                    throw new CancellationException("top patches cancelled");
                }
                Batch b = it.next();
                m.forward(b.features().castTo(m.dataType()), Mode.INFERENCE, 0);
                INDArray a = m.activation(path);
                if (a == null) {
                    throw new IllegalArgumentException("'" + path + "' is not computed at inference");
                }
                float[] v = ClassScores.floats(a);
                for (int i = 0; i < b.size(); i++) {
                    for (int c = 0; c < channels; c++) {
                        int base = (i * channels + c) * plane;
                        int arg = 0;
                        for (int j = 1; j < plane; j++) {
                            if (v[base + j] > v[base + arg]) {
                                arg = j;
                            }
                        }
                        offer(
                                best.get(c),
                                new Hit(
                                        b.indices()[i],
                                        b.labels()[i],
                                        v[base + arg],
                                        arg / out.width(),
                                        arg % out.width()),
                                k);
                    }
                }
                done += b.size();
                progress.accept(done);
            }
        } finally {
            m.fastTraining(fast);
        }
        ReceptiveFields rf = ReceptiveFields.of(m.expanded());
        List<ChannelPatches> result = new ArrayList<>();
        for (int c = 0; c < channels; c++) {
            List<Hit> hits = new ArrayList<>(best.get(c));
            hits.sort(Comparator.comparingDouble(Hit::value).reversed().thenComparingInt(Hit::image));
            List<Patch> patches = new ArrayList<>();
            for (Hit h : hits) {
                ReceptiveFields.Rect r = rf.rect(path, h.y(), h.x());
                patches.add(new Patch(h.image(), h.label(), h.value(), h.y(), h.x(), r, crop(data, h.image(), r)));
            }
            result.add(new ChannelPatches(c, patches));
        }
        return new TopPatches(path, k, done, result);
    }

    /** Keeps the k largest; on equal values the earlier image stays. */
    private static void offer(PriorityQueue<Hit> q, Hit h, int k) {
        if (q.size() < k) {
            q.add(h);
        } else if (h.value() > q.peek().value()) {
            q.poll();
            q.add(h);
        }
    }

    /** Pixels of {@code r} in image {@code index}, C×h×w, values in [0, 1]. */
    static float[] crop(Dataset data, int index, ReceptiveFields.Rect r) {
        Shape s = data.shape();
        float[] out = new float[s.channels() * r.height() * r.width()];
        int i = 0;
        for (int c = 0; c < s.channels(); c++) {
            for (int y = r.y0(); y <= r.y1(); y++) {
                for (int x = r.x0(); x <= r.x1(); x++) {
                    out[i++] = data.pixel(index, c, y, x);
                }
            }
        }
        return out;
    }
}
