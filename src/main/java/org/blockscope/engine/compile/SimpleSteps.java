package org.blockscope.engine.compile;

import java.util.Locale;
import org.blockscope.engine.backend.BufferPool;
import org.blockscope.engine.backend.ChannelsLast;
import org.blockscope.engine.backend.ChannelsLastGrads;
import org.blockscope.engine.kernel.Activation;
import org.blockscope.engine.kernel.ActivationKernel;
import org.blockscope.engine.kernel.AddKernel;
import org.blockscope.engine.kernel.ChannelShuffleKernel;
import org.blockscope.engine.kernel.ConcatKernel;
import org.blockscope.engine.kernel.DropoutKernel;
import org.blockscope.engine.kernel.FlattenKernel;
import org.blockscope.engine.kernel.GlobalAvgPoolKernel;
import org.blockscope.engine.kernel.ScaleKernel;
import org.blockscope.graph.Shape;
import org.blockscope.primitive.PrimitiveNode;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Steps without parameters: one small class per primitive kind. */
final class SimpleSteps {
    private SimpleSteps() {}

    /** Whether any input of s is channels-last in pass p (all rank-4 inputs then are made so). */
    static boolean anyChannelsLast(Step s, Pass p) {
        boolean any = false;
        for (int i = 0; i < s.inputs.length; i++) {
            if (p.in(s, i).rank() != 4) {
                return false;
            }
            any |= p.isChannelsLast(s, i);
        }
        return any;
    }

    /** INPUT: the batch handed to the forward pass. */
    static final class Input extends Step {
        Input(PrimitiveNode n, int index, int[] inputs) {
            super(n, index, inputs);
        }

        @Override
        INDArray forward(Pass p) {
            return p.input;
        }

        @Override
        void backward(Pass p, INDArray dy) {
            // the gradient stays in p.grad[index]: the gradient with respect to the image
        }

        @Override
        boolean backwardReadsInputs() {
            return false;
        }
    }

    static final class Act extends Step {
        private final Activation function;

        Act(PrimitiveNode n, int index, int[] inputs) {
            super(n, index, inputs);
            function = Activation.valueOf(n.params().getString("function").toUpperCase(Locale.ROOT));
        }

        @Override
        INDArray forward(Pass p) {
            if (p.passesGateOn(index)) { // an SE gate computed by the chain's first step (fused inference)
                return p.in(this, 0);
            }
            // a fast training pass: the batch norm before already applied it. max(y, 0) = y, and the backward
            // below, which masks by its input, sees the same signs.
            if (p.fusions().reluAppliedByInput(index) && p.reluApplied(inputs[0])) {
                return p.in(this, 0);
            }
            return ActivationKernel.forward(function, p.in(this, 0));
        }

        boolean isRelu() {
            return function == Activation.RELU;
        }

        boolean isSigmoid() {
            return function == Activation.SIGMOID;
        }

        @Override
        INDArray forwardChannelsLast(Pass p) {
            if (!p.isChannelsLast(this, 0)) {
                return forward(p);
            }
            if (p.fusions().reluAppliedByInput(index) && p.reluApplied(inputs[0])) {
                return p.channelsLast(this, p.inChannelsLast(this, 0));
            }
            return p.channelsLast(this, ActivationKernel.forward(function, p.inChannelsLast(this, 0)));
        }

        @Override
        void backward(Pass p, INDArray dy) {
            p.accumulateInput(this, 0, ActivationKernel.backward(function, p.in(this, 0), dy));
        }

        @Override
        void backwardChannelsLast(Pass p, INDArray dyh) {
            if (p.fusions().reluAppliedByInput(index) && p.reluMasked(inputs[0])) {
                p.accumulateInputChannelsLast(this, 0, dyh); // the batch norm's backward applies the mask
                return;
            }
            p.accumulateInputChannelsLast(this, 0, ActivationKernel.backward(function, p.inChannelsLast(this, 0), dyh));
        }
    }

    static final class GlobalAvgPool extends Step {
        GlobalAvgPool(PrimitiveNode n, int index, int[] inputs) {
            super(n, index, inputs);
        }

        @Override
        INDArray forward(Pass p) {
            return GlobalAvgPoolKernel.forward(p.in(this, 0));
        }

        @Override
        INDArray forwardChannelsLast(Pass p) {
            return p.isChannelsLast(this, 0) ? ChannelsLast.globalAvgPool(p.inChannelsLast(this, 0)) : forward(p);
        }

        @Override
        void backward(Pass p, INDArray dy) {
            p.accumulatePooledInput(this, 0, dy);
        }
    }

    static final class Flatten extends Step {
        Flatten(PrimitiveNode n, int index, int[] inputs) {
            super(n, index, inputs);
        }

        @Override
        INDArray forward(Pass p) {
            INDArray x = p.in(this, 0);
            return x.rank() == 2 ? x : FlattenKernel.forward(x);
        }

        @Override
        void backward(Pass p, INDArray dy) {
            p.accumulateInput(this, 0, FlattenKernel.backward(p.in(this, 0).shape(), dy));
        }
    }

    static final class Add extends Step {
        Add(PrimitiveNode n, int index, int[] inputs) {
            super(n, index, inputs);
        }

        @Override
        boolean backwardReadsInputs() {
            return false; // dy goes to every input as it is
        }

        /** A following ReLU (a residual block's output) runs in the sum's loop. */
        @Override
        boolean canApplyRelu() {
            return true;
        }

        @Override
        INDArray forward(Pass p) {
            boolean withRelu = p.fusions().appliesRelu(index) && p.fastTraining;
            INDArray y = AddKernel.forward(withRelu, p.inputs(this));
            if (withRelu) {
                p.markReluApplied(this);
            }
            return y;
        }

        @Override
        INDArray forwardChannelsLast(Pass p) {
            if (!anyChannelsLast(this, p)) {
                return forward(p);
            }
            boolean relu = p.fusions().appliesRelu(index);
            if (p.summed(index)) { // a convolution branch computed the sum (and the ReLU) in place
                INDArray y = p.nhwc[inputs[0]]; // the other input's buffer, which now holds the sum
                if (y == null || y != p.nhwc[inputs[1]]) {
                    throw new IllegalStateException("add '" + path() + "': the summed buffer is not both inputs'");
                }
                if (relu) {
                    p.markReluApplied(this);
                }
                return p.channelsLast(this, y);
            }
            int scale = p.fusions().scaleAppliedIn(index);
            INDArray y = scale >= 0 && p.scaleDeferred(scale)
                    ? scaleAndAdd(p, p.plan.step(scale), relu)
                    : AddKernel.forward(relu, p.inputsChannelsLast(this));
            if (relu) {
                p.markReluApplied(this);
            }
            return p.channelsLast(this, y);
        }

        /**
         * x·s + the other input (then the ReLU when relu), where the scale step before this add passed its
         * map x on and left its product to this add (fused inference, {@link Fusion.ScaleIntoAdd}).
         */
        private INDArray scaleAndAdd(Pass p, Step scale, boolean relu) {
            INDArray xh = p.inChannelsLast(scale, 0), s = p.in(scale, 1);
            INDArray other = p.inChannelsLast(this, inputs[0] == scale.index ? 1 : 0);
            if (ChannelsLast.canScaleAdd(xh, s, other)) {
                return ChannelsLast.scaleAdd(xh, s, other, relu);
            }
            INDArray product = ChannelsLast.scale(xh, s);
            INDArray y = AddKernel.forward(relu, product, other);
            BufferPool.give(product.data());
            return y;
        }

        @Override
        void backward(Pass p, INDArray dy) {
            for (int i = 0; i < inputs.length; i++) {
                p.accumulateInput(this, i, dy);
            }
        }

        @Override
        void backwardChannelsLast(Pass p, INDArray dyh) {
            for (int i = 0; i < inputs.length; i++) {
                p.accumulateInputChannelsLast(this, i, dyh);
            }
        }
    }

    static final class Concat extends Step {
        private final long[] channels;

        Concat(PrimitiveNode n, int index, int[] inputs) {
            super(n, index, inputs);
            channels = n.inputShapes().stream().mapToLong(Shape::channels).toArray();
        }

        @Override
        boolean backwardReadsInputs() {
            return false; // splits dy by the channel counts it knows
        }

        @Override
        INDArray forward(Pass p) {
            return ConcatKernel.forward(p.inputs(this));
        }

        @Override
        INDArray forwardChannelsLast(Pass p) {
            if (!anyChannelsLast(this, p)) {
                return forward(p);
            }
            return p.channelsLast(this, ChannelsLast.concat(p.inputsChannelsLast(this)));
        }

        @Override
        void backward(Pass p, INDArray dy) {
            INDArray[] d = ConcatKernel.backward(channels, dy);
            for (int i = 0; i < inputs.length; i++) {
                p.accumulateInput(this, i, d[i]);
            }
        }

        @Override
        void backwardChannelsLast(Pass p, INDArray dyh) {
            INDArray[] d = ChannelsLastGrads.split(dyh, channels);
            for (int i = 0; i < inputs.length; i++) {
                p.accumulateInputChannelsLast(this, i, d[i]);
            }
        }
    }

    /** SCALE: port 0 map [N,C,H,W] times port 1 vector [N,C]. */
    static final class Scale extends Step {
        Scale(PrimitiveNode n, int index, int[] inputs) {
            super(n, index, inputs);
        }

        @Override
        INDArray forward(Pass p) {
            return ScaleKernel.forward(p.in(this, 0), p.in(this, 1));
        }

        @Override
        INDArray forwardChannelsLast(Pass p) {
            if (!p.isChannelsLast(this, 0)) {
                return forward(p);
            }
            if (p.fused && Executor.gateInSum && p.fusions().scaleAppliedBy(index) >= 0) {
                p.deferScale(this); // the add after it computes x·s in its own pass over memory
                return p.channelsLast(this, p.inChannelsLast(this, 0));
            }
            return p.channelsLast(this, ChannelsLast.scale(p.inChannelsLast(this, 0), p.in(this, 1)));
        }

        @Override
        void backward(Pass p, INDArray dy) {
            ScaleKernel.Grads g = ScaleKernel.backward(p.in(this, 0), p.in(this, 1), dy);
            p.accumulateInput(this, 0, g.dx());
            p.accumulateInput(this, 1, g.ds());
        }

        @Override
        void backwardChannelsLast(Pass p, INDArray dyh) {
            INDArray s = p.in(this, 1);
            p.accumulateInputChannelsLast(this, 0, ChannelsLast.scale(dyh, s)); // dx = dy · s
            p.accumulateInput(this, 1, ChannelsLastGrads.scaleGradient(p.inChannelsLast(this, 0), dyh));
        }
    }

    static final class Shuffle extends Step {
        private final int groups;

        Shuffle(PrimitiveNode n, int index, int[] inputs) {
            super(n, index, inputs);
            groups = n.params().getInt("groups");
        }

        @Override
        INDArray forward(Pass p) {
            return ChannelShuffleKernel.forward(groups, p.in(this, 0));
        }

        @Override
        void backward(Pass p, INDArray dy) {
            p.accumulateInput(this, 0, ChannelShuffleKernel.backward(groups, dy));
        }
    }

    /** DROPOUT: inverted dropout in training (mask seeded by the pass's noise seed and the step), identity otherwise. */
    static final class Dropout extends Step {
        private final double rate;

        Dropout(PrimitiveNode n, int index, int[] inputs) {
            super(n, index, inputs);
            rate = n.params().getDouble("rate");
        }

        @Override
        boolean backwardReadsInputs() {
            return false; // its mask
        }

        @Override
        INDArray forward(Pass p) {
            INDArray x = p.in(this, 0);
            if (p.mode != Mode.TRAINING || rate == 0) {
                p.state[index] = null;
                return DropoutKernel.forwardInference(x);
            }
            DropoutKernel.TrainOut o = DropoutKernel.forwardTrain(rate, p.noiseSeed * 1_000_003L + index, x);
            p.state[index] = o.mask();
            p.scratch.add(o.mask());
            return o.y();
        }

        @Override
        INDArray forwardChannelsLast(Pass p) {
            if (!p.isChannelsLast(this, 0) || (p.mode == Mode.TRAINING && rate > 0)) {
                return forward(p); // the mask is drawn in NCHW order, as in every other pass
            }
            return p.channelsLast(this, p.inChannelsLast(this, 0)); // the identity
        }

        @Override
        void backward(Pass p, INDArray dy) {
            INDArray mask = (INDArray) p.state[index];
            p.accumulateInput(this, 0, mask == null ? dy : DropoutKernel.backward(mask, dy));
        }

        @Override
        void backwardChannelsLast(Pass p, INDArray dyh) {
            p.accumulateInputChannelsLast(this, 0, dyh); // channels-last only as the identity
        }
    }
}
