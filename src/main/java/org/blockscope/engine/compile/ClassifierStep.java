package org.blockscope.engine.compile;

import org.blockscope.engine.kernel.SoftmaxCrossEntropyKernel;
import org.blockscope.primitive.PrimitiveNode;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * CLASSIFIER: output = softmax of the class scores [N, K]; its loss is lossWeight × mean
 * cross-entropy, and its backward starts the gradient: lossWeight × (softmax − onehot) / N.
 */
final class ClassifierStep extends Step {
    final double lossWeight;
    final boolean trainingOnly;

    ClassifierStep(PrimitiveNode n, int index, int[] inputs) {
        super(n, index, inputs);
        lossWeight = n.params().getDouble("lossWeight");
        trainingOnly = n.params().getBool("trainingOnly");
    }

    INDArray logits(Pass p) {
        INDArray z = p.in(this, 0);
        return z.rank() == 2 ? z : z.reshape('c', z.size(0), z.length() / z.size(0));
    }

    @Override
    INDArray forward(Pass p) {
        return SoftmaxCrossEntropyKernel.softmax(logits(p));
    }

    /** Adds this head's weighted loss to the pass and its gradient to the class scores. */
    void lossAndBackward(Pass p) {
        INDArray z = p.in(this, 0);
        SoftmaxCrossEntropyKernel.Result r = SoftmaxCrossEntropyKernel.forwardBackward(logits(p), p.labels);
        p.loss += lossWeight * r.loss();
        INDArray d = lossWeight == 1 ? r.dlogits() : r.dlogits().muli(lossWeight);
        p.accumulateInput(this, 0, z.rank() == 2 ? d : d.reshape('c', z.shape()));
    }

    double loss(Pass p) {
        return lossWeight
                * SoftmaxCrossEntropyKernel.forwardBackward(logits(p), p.labels).loss();
    }

    @Override
    void backward(Pass p, INDArray dy) {
        throw new IllegalStateException("a classifier's output has no consumer: " + path());
    }
}
