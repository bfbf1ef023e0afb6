package org.blockscope.engine.explain;

import java.util.Map;
import org.blockscope.engine.compile.Compiler;
import org.blockscope.engine.compile.Model;
import org.blockscope.graph.Graph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The weights of a model at one moment, to build a private copy of it on another thread: long
 * explanations (top patches over a data set) then run without holding the model the views and the
 * trainer share. {@link #of} runs on the thread that owns the model and only copies; {@link #model}
 * compiles anywhere.
 */
public final class ModelCopy {

    private final Graph graph;
    private final DataType type;
    private final Map<String, INDArray> tensors;

    private ModelCopy(Graph graph, DataType type, Map<String, INDArray> tensors) {
        this.graph = graph;
        this.type = type;
        this.tensors = tensors;
    }

    /** Copies of every tensor (weights and running statistics) of {@code m}. */
    public static ModelCopy of(Model m) {
        return new ModelCopy(m.graph(), m.dataType(), m.copyTensors());
    }

    /** A new model with these weights (compiles the graph: call off the model's thread). */
    public Model model() {
        Model m = Compiler.compile(graph, new Compiler.Options(0, type));
        tensors.forEach(m::setTensor);
        return m;
    }
}
