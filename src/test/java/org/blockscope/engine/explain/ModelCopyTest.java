package org.blockscope.engine.explain;

import static org.assertj.core.api.Assertions.assertThat;

import org.blockscope.engine.compile.Compiler;
import org.blockscope.engine.compile.Mode;
import org.blockscope.engine.compile.Model;
import org.blockscope.graph.Shape;
import org.blockscope.templates.Templates;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** A private copy of a model answers exactly as the model did when copied, and later changes do not reach it. */
class ModelCopyTest {

    @Test
    void theCopyHasEveryWeightAndRunningStatisticAndIsIndependent() {
        // mini VGG has batch norms: running statistics must be copied, not only trainable weights. Every
        // tensor gets new values (the initial classifier answers 1/K for every image, which would hide a
        // missing tensor)
        Model m = Compiler.compile(Templates.graph("mini_vgg"), new Compiler.Options(7, DataType.FLOAT));
        Nd4j.getRandom().setSeed(3);
        int statistics = 0;
        for (var e : m.tensors().entrySet()) {
            INDArray v = Nd4j.rand(DataType.FLOAT, e.getValue().value().shape());
            if (e.getKey().endsWith("/running_var")) {
                v.addi(0.5);
            } else {
                v.subi(0.5).muli(0.2);
            }
            statistics += e.getKey().endsWith("/running_mean") || e.getKey().endsWith("/running_var") ? 1 : 0;
            m.setTensor(e.getKey(), v);
        }
        assertThat(statistics).as("running statistics in mini VGG").isGreaterThanOrEqualTo(12);
        Shape s = m.inputShape();
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, s.channels(), s.height(), s.width());
        float[] before = m.forward(x, Mode.INFERENCE).dup().data().asFloat();
        assertThat(before[0]).as("not the uniform answer").isNotEqualTo(before[1]);

        java.util.Map<String, float[]> atCopy = new java.util.LinkedHashMap<>();
        m.tensors().forEach((name, t) -> atCopy.put(name, t.value().dup().data().asFloat()));
        ModelCopy copy = ModelCopy.of(m);
        // change every tensor of the original after copying: the copy must see none of it
        for (var e : m.tensors().entrySet()) {
            m.setTensor(
                    e.getKey(),
                    Nd4j.rand(DataType.FLOAT, e.getValue().value().shape()).addi(1));
        }

        Model c = copy.model();
        assertThat(c.tensors().keySet()).containsExactlyElementsOf(m.tensors().keySet());
        // tensor by tensor, so a tensor the output barely depends on (the first convolution's, with these
        // random weights) cannot be missed
        c.tensors()
                .forEach((name, t) ->
                        assertThat(t.value().dup().data().asFloat()).as(name).containsExactly(atCopy.get(name)));
        assertThat(c.forward(x, Mode.INFERENCE).dup().data().asFloat()).containsExactly(before);
        assertThat(m.forward(x, Mode.INFERENCE).dup().data().asFloat())
                .as("the original did change")
                .isNotEqualTo(before);
    }
}
