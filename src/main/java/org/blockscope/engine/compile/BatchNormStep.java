package org.blockscope.engine.compile;

import java.util.List;
import org.blockscope.engine.backend.ChannelsLast;
import org.blockscope.engine.backend.OneDnnBatchNorm;
import org.blockscope.engine.kernel.BatchNormChannelsLast;
import org.blockscope.engine.kernel.BatchNormFold;
import org.blockscope.engine.kernel.BatchNormKernel;
import org.blockscope.engine.kernel.ParamGrads;
import org.blockscope.primitive.PrimitiveNode;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * BATCH_NORM over channels: gamma, beta [C] trainable; running_mean, running_var [C] state (PyTorch
 * initial values 0 and 1). Training uses batch statistics and updates the running ones; inference
 * uses the running ones, and its backward treats them as constants.
 */
final class BatchNormStep extends Step {
    private final Tensor gamma;
    private final Tensor beta;
    private final Tensor runningMean;
    private final Tensor runningVar;
    private final double eps;
    private final double momentum;

    BatchNormStep(PrimitiveNode n, int index, int[] inputs, DataType type) {
        super(n, index, inputs);
        int c = n.output().channels();
        gamma = new Tensor(path() + "/gamma", Nd4j.ones(type, c), true);
        beta = new Tensor(path() + "/beta", Nd4j.zeros(type, c), true);
        runningMean = new Tensor(path() + "/running_mean", Nd4j.zeros(type, c), false);
        runningVar = new Tensor(path() + "/running_var", Nd4j.ones(type, c), false);
        eps = n.params().getDouble("eps");
        momentum = n.params().getDouble("momentum");
    }

    @Override
    List<Tensor> tensors() {
        return List.of(gamma, beta, runningMean, runningVar);
    }

    @Override
    INDArray forward(Pass p) {
        INDArray x = p.in(this, 0);
        boolean withRelu = p.fusions().appliesRelu(index) && p.fastTraining && p.mode == Mode.TRAINING;
        BatchNormKernel.TrainOut o = p.mode == Mode.TRAINING
                ? BatchNormKernel.forwardTrain(
                        x,
                        gamma.value(),
                        beta.value(),
                        runningMean.value(),
                        runningVar.value(),
                        momentum,
                        eps,
                        withRelu)
                : BatchNormKernel.forwardInferenceSaved(
                        x, gamma.value(), beta.value(), runningMean.value(), runningVar.value(), eps);
        p.state[index] = o.saved();
        if (withRelu) {
            p.markReluApplied(this); // the ReLU step passes y on; its backward is unchanged
        }
        return o.y();
    }

    @Override
    boolean backwardReadsOutput(Fusions fusions) {
        // a fused ReLU's mask (channels-last Java path); without one, no path reads y (a bottleneck's last
        // batch norm feeds an add: its output then dies as backward starts, as in PyTorch)
        return fusions.appliesRelu(index);
    }

    /** A following ReLU runs in this loop in fast training and (unless folded) in fused inference. */
    @Override
    boolean canApplyRelu() {
        return true;
    }

    /** Whether γ, β and the running statistics are FLOAT (oneDNN's primitives take them as they are). */
    private boolean floats() {
        return gamma.value().dataType() == DataType.FLOAT
                && beta.value().dataType() == DataType.FLOAT
                && runningMean.value().dataType() == DataType.FLOAT
                && runningVar.value().dataType() == DataType.FLOAT;
    }

    /** The arrays {@link #foldInto} reads: w, b (null without bias) and this batch norm's four vectors. */
    INDArray[] foldSources(INDArray w, INDArray b) {
        return new INDArray[] {w, b, gamma.value(), beta.value(), runningMean.value(), runningVar.value()};
    }

    /** {w', b'}: the convolution's weight and bias with this batch norm (running statistics) folded in. */
    INDArray[] foldInto(INDArray w, INDArray b) {
        return BatchNormFold.intoConv(w, b, gamma.value(), beta.value(), runningMean.value(), runningVar.value(), eps);
    }

    @Override
    INDArray forwardChannelsLast(Pass p) {
        if (p.mode == Mode.TRAINING) {
            return p.isChannelsLast(this, 0) && p.in(this, 0).rank() == 4 ? trainChannelsLast(p) : forward(p);
        }
        boolean relu = p.fusions().appliesRelu(index);
        if (p.fusions().isFolded(index) && p.isChannelsLast(this, 0)) { // the convolution already applied it,
            if (relu) {
                p.markReluApplied(this); // and the ReLU after it
            }
            return p.channelsLast(this, p.inChannelsLast(this, 0));
        }
        if (p.isChannelsLast(this, 0) && p.in(this, 0).rank() == 4) {
            INDArray xh = p.inChannelsLast(this, 0);
            if (OneDnnBatchNorm.handlesInference(xh) && floats()) {
                INDArray y = OneDnnBatchNorm.forwardInference(
                        xh, gamma.value(), beta.value(), runningMean.value(), runningVar.value(), eps, relu);
                if (relu) {
                    p.markReluApplied(this);
                }
                return p.channelsLast(this, y);
            }
            double[] g = gamma.value().toDoubleVector(), b = beta.value().toDoubleVector();
            double[] m = runningMean.value().toDoubleVector(),
                    v = runningVar.value().toDoubleVector();
            double[] scale = new double[g.length], shift = new double[g.length];
            for (int c = 0; c < g.length; c++) {
                scale[c] = g[c] / Math.sqrt(v[c] + eps);
                shift[c] = b[c] - m[c] * scale[c];
            }
            INDArray y = ChannelsLast.affine(xh, scale, shift, relu);
            if (relu) {
                p.markReluApplied(this); // the ReLU step then passes y on
            }
            return p.channelsLast(this, y);
        }
        return forward(p);
    }

    /**
     * The trainer's pass on oneDNN: batch statistics on the NHWC map, the ReLU after it fused in (its mask
     * kept for the backward), running statistics updated as PyTorch does (unbiased variance).
     */
    private INDArray trainChannelsLast(Pass p) {
        INDArray xh = p.inChannelsLast(this, 0);
        boolean relu = p.fusions().appliesRelu(index) && p.fastTraining;
        BatchNormChannelsLast.Out o = BatchNormChannelsLast.forwardTrain(xh, gamma.value(), beta.value(), eps, relu);
        long m = xh.length() / xh.size(3);
        double unbias = m > 1 ? (double) m / (m - 1) : 1.0;
        double[] rm = runningMean.value().toDoubleVector(),
                rv = runningVar.value().toDoubleVector();
        for (int c = 0; c < rm.length; c++) {
            rm[c] = (1 - momentum) * rm[c] + momentum * o.mean()[c];
            rv[c] = (1 - momentum) * rv[c] + momentum * o.variance()[c] * unbias;
        }
        runningMean
                .value()
                .assign(Nd4j.createFromArray(rm).castTo(runningMean.value().dataType()));
        runningVar
                .value()
                .assign(Nd4j.createFromArray(rv).castTo(runningVar.value().dataType()));
        p.state[index] = o.saved();
        if (o.saved().oneDnn() != null) {
            p.scratch.add(o.saved().oneDnn().mean());
            p.scratch.add(o.saved().oneDnn().variance());
            if (o.saved().oneDnn().workspace() != null) {
                p.scratch.add(o.saved().oneDnn().workspace());
            }
        }
        if (relu) {
            p.markReluAppliedAndMasked(this); // the ReLU step passes y on, and dy back: the mask is here
        }
        return p.channelsLast(this, o.y());
    }

    @Override
    void backwardChannelsLast(Pass p, INDArray dyh) {
        BatchNormChannelsLast.Saved saved = (BatchNormChannelsLast.Saved) p.state[index];
        ParamGrads g = BatchNormChannelsLast.backward(saved, gamma.value(), beta.value(), dyh);
        p.accumulateInputChannelsLast(this, 0, g.dx());
        p.paramGrads.put(gamma.name(), g.dw());
        p.paramGrads.put(beta.name(), g.db());
    }

    @Override
    void backward(Pass p, INDArray dy) {
        BatchNormKernel.Saved saved = (BatchNormKernel.Saved) p.state[index];
        ParamGrads g = p.mode == Mode.TRAINING
                ? BatchNormKernel.backward(saved, gamma.value(), dy)
                : BatchNormKernel.backwardInference(saved, gamma.value(), dy);
        p.accumulateInput(this, 0, g.dx());
        p.paramGrads.put(gamma.name(), g.dw());
        p.paramGrads.put(beta.name(), g.db());
    }
}
