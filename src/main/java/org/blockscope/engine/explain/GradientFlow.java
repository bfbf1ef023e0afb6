package org.blockscope.engine.explain;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.blockscope.engine.compile.Model;
import org.blockscope.engine.compile.Tensor;
import org.blockscope.engine.train.TrainingEvent;
import org.blockscope.primitive.Primitive;
import org.blockscope.primitive.PrimitiveNode;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.conditions.Conditions;

/**
 * Follows how gradients flow while a model trains: a trainer listener that, at most every
 * {@code everyMillis}, records per layer the gradient norm and the update-to-weight ratio of one
 * iteration, the share of dead ReLU channels in the training batch, and after every epoch a histogram of
 * each layer's weights. It runs on the trainer thread when {@code IterationDone} arrives (after the
 * optimiser step, before any hook touches the model), reading the trainer's own gradients and
 * activations; the weights are copied one iteration before a sample so the update can be measured.
 * {@link #snapshot()} may be called from any thread.
 */
public final class GradientFlow implements Consumer<TrainingEvent> {

    static final int BINS = 40;

    private final Model model;
    private final long everyMillis;
    private final LongSupplier clock;
    private final List<FlowSnapshot.Layer> layers = new ArrayList<>();
    private final List<String> relus = new ArrayList<>();
    private final List<FlowSnapshot.Sample> samples = new ArrayList<>();
    private final List<FlowSnapshot.Dead> dead = new ArrayList<>();
    private final List<List<FlowSnapshot.Histogram>> histograms = new ArrayList<>();
    private volatile Runnable onChange = () -> {};
    private INDArray[] armed;
    private long last = Long.MIN_VALUE;

    public GradientFlow(Model model, long everyMillis) {
        this(model, everyMillis, System::currentTimeMillis);
    }

    public GradientFlow(Model model, long everyMillis, LongSupplier clock) {
        this.model = model;
        this.everyMillis = everyMillis;
        this.clock = clock;
        for (Tensor t : model.parameters()) {
            String path = t.name().substring(0, t.name().lastIndexOf('/'));
            PrimitiveNode p = model.expanded().primitive(path).orElse(null);
            if (p != null && t.name().endsWith("/weight") && weighted(p.kind())) {
                layers.add(new FlowSnapshot.Layer(
                        t.name(), path, p.owner(), t.value().length()));
            }
        }
        for (PrimitiveNode p : model.expanded().nodes()) {
            if (p.kind() == Primitive.ACTIVATION
                    && p.params().getString("function").startsWith("relu")) {
                relus.add(p.path());
            }
        }
    }

    private static boolean weighted(Primitive k) {
        return k == Primitive.CONV2D || k == Primitive.DEPTHWISE_CONV2D || k == Primitive.FULLY_CONNECTED;
    }

    /** Called (on the trainer thread) after something new was recorded; hand it on, do not work there. */
    public void onChange(Runnable r) {
        onChange = r;
    }

    /** Records the weights before training (epoch 0); call before the trainer starts, on the thread owning the model. */
    public void start() {
        model.keepOutputs(relus); // the trainer frees activations during the backward otherwise
        List<FlowSnapshot.Histogram> h = histogramsNow(0);
        synchronized (this) {
            histograms.add(h);
        }
        onChange.run();
    }

    @Override
    public void accept(TrainingEvent e) {
        if (e instanceof TrainingEvent.IterationDone it) {
            iterationDone(it);
        } else if (e instanceof TrainingEvent.EpochDone ep) {
            List<FlowSnapshot.Histogram> h = histogramsNow(ep.epoch() + 1);
            synchronized (this) {
                histograms.add(h);
            }
            onChange.run();
        }
    }

    private void iterationDone(TrainingEvent.IterationDone it) {
        long now = clock.getAsLong();
        if (armed != null) {
            FlowSnapshot.Sample s = sample(it);
            FlowSnapshot.Dead d = deadNow(it.iteration());
            synchronized (this) {
                samples.add(s);
                dead.add(d);
            }
            armed = null;
            last = now;
            onChange.run();
        }
        if (last == Long.MIN_VALUE || now - last >= everyMillis) {
            armed = new INDArray[layers.size()];
            for (int i = 0; i < armed.length; i++) {
                armed[i] = weight(i).dup();
            }
        }
    }

    private INDArray weight(int i) {
        return model.tensors().get(layers.get(i).tensor()).value();
    }

    private FlowSnapshot.Sample sample(TrainingEvent.IterationDone it) {
        float[] grad = new float[layers.size()];
        float[] ratio = new float[layers.size()];
        var grads = model.gradients();
        for (int i = 0; i < grad.length; i++) {
            INDArray g = grads.get(layers.get(i).tensor());
            grad[i] = g == null ? 0f : g.norm2Number().floatValue();
            double before = armed[i].norm2Number().doubleValue();
            double step = weight(i).sub(armed[i]).norm2Number().doubleValue();
            ratio[i] = before == 0 ? Float.NaN : (float) (step / before);
        }
        return new FlowSnapshot.Sample(it.iteration(), it.epoch(), grad, ratio);
    }

    /** Dead channels: the channel's largest output over the batch and positions is 0. */
    private FlowSnapshot.Dead deadNow(long iteration) {
        float[] deadShare = new float[relus.size()];
        float[] zeros = new float[relus.size()];
        for (int i = 0; i < relus.size(); i++) {
            INDArray a = model.activation(relus.get(i));
            if (a == null) {
                deadShare[i] = Float.NaN;
                zeros[i] = Float.NaN;
                continue;
            }
            INDArray perChannel = a.rank() == 4 ? a.max(0, 2, 3) : a.max(0);
            deadShare[i] = perChannel.scan(Conditions.lessThanOrEqual(0)).floatValue() / perChannel.length();
            zeros[i] = a.scan(Conditions.lessThanOrEqual(0)).floatValue() / a.length();
        }
        return new FlowSnapshot.Dead(iteration, deadShare, zeros);
    }

    private List<FlowSnapshot.Histogram> histogramsNow(int epoch) {
        List<FlowSnapshot.Histogram> out = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            out.add(histogram(layers.get(i).tensor(), epoch, weight(i)));
        }
        return out;
    }

    /** Counts of {@code w} in {@link #BINS} equal bins over [min, max] (the maximum goes in the last bin). */
    static FlowSnapshot.Histogram histogram(String tensor, int epoch, INDArray w) {
        float[] v = w.castTo(DataType.FLOAT).dup('c').data().asFloat();
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float x : v) {
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        int[] counts = new int[BINS];
        double span = (double) max - min;
        for (float x : v) {
            int b = span == 0 ? 0 : (int) Math.floor(((double) x - min) * BINS / span);
            counts[Math.min(BINS - 1, Math.max(0, b))]++;
        }
        return new FlowSnapshot.Histogram(tensor, epoch, min, max, counts);
    }

    /** A copy of what was recorded so far. */
    public synchronized FlowSnapshot snapshot() {
        List<List<FlowSnapshot.Histogram>> h = new ArrayList<>();
        histograms.forEach(l -> h.add(List.copyOf(l)));
        return new FlowSnapshot(
                List.copyOf(layers), List.copyOf(samples), List.copyOf(relus), List.copyOf(dead), List.copyOf(h));
    }
}
