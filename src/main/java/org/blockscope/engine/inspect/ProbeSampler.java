package org.blockscope.engine.inspect;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.blockscope.engine.compile.Mode;
import org.blockscope.engine.compile.Model;
import org.blockscope.engine.train.Trainer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A trainer hook that runs the fixed probe image through the model (inference mode, batch of one)
 * at most once every {@code everyMillis} and hands a {@link ProbeSnapshot} to the sink. Only the
 * nodes in {@code paths} are copied (null = all), so a snapshot costs one small forward pass plus
 * the copies. The sink runs on the trainer thread: hand the snapshot on, do not work there.
 */
public final class ProbeSampler implements Trainer.IterationHook {
    private final INDArray probe;
    private final long everyMillis;
    private final Set<String> paths;
    private final Consumer<ProbeSnapshot> sink;
    private final LongSupplier clock;
    private long last = Long.MIN_VALUE;

    public ProbeSampler(INDArray image, long everyMillis, Set<String> paths, Consumer<ProbeSnapshot> sink) {
        this(image, everyMillis, paths, sink, System::currentTimeMillis);
    }

    ProbeSampler(
            INDArray image, long everyMillis, Set<String> paths, Consumer<ProbeSnapshot> sink, LongSupplier clock) {
        this.probe = Inspector.batchOfOne(image).dup('c');
        this.everyMillis = everyMillis;
        this.paths = paths == null ? null : Set.copyOf(paths);
        this.sink = sink;
        this.clock = clock;
    }

    @Override
    public void afterIteration(Model model, int epoch, long iteration) {
        long now = clock.getAsLong();
        if (last != Long.MIN_VALUE && now - last < everyMillis) {
            return;
        }
        last = now;
        sink.accept(snapshot(model, epoch, iteration, now));
    }

    /** Takes a snapshot now (also usable before training starts). */
    public ProbeSnapshot snapshot(Model model, int epoch, long iteration, long now) {
        INDArray p = model.forward(probe, Mode.INFERENCE, 0);
        Map<String, INDArray> out = new LinkedHashMap<>();
        model.activations().forEach((path, a) -> {
            if (paths == null || paths.contains(path)) {
                out.put(path, a.get(NDArrayIndex.point(0)).dup('c'));
            }
        });
        return new ProbeSnapshot(
                epoch, iteration, now, out, p.getRow(0).castTo(DataType.DOUBLE).toDoubleVector());
    }
}
