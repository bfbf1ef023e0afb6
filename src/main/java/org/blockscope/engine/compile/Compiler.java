package org.blockscope.engine.compile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.blockscope.graph.Diagnostic;
import org.blockscope.graph.Graph;
import org.blockscope.primitive.PrimitiveNode;
import org.blockscope.shape.ExpandedGraph;
import org.blockscope.shape.Expander;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Turns a graph into an executable {@link Model}: one step per primitive of its expansion (the step
 * factory below is the one place that maps a primitive to its step), initial weights, and the
 * {@link Plan} with its fusions and memory plan.
 */
public final class Compiler {
    private Compiler() {}

    /** Seed and floating-point type of the model's arrays (FLOAT for training, DOUBLE for checks). */
    public record Options(long seed, DataType dataType) {
        public static final Options DEFAULT = new Options(42, DataType.FLOAT);

        public Options withSeed(long s) {
            return new Options(s, dataType);
        }
    }

    public static Model compile(Graph graph) {
        return compile(graph, Options.DEFAULT);
    }

    /** @throws CompileException if shape inference reports errors */
    public static Model compile(Graph graph, Options options) {
        ExpandedGraph expanded = Expander.expand(graph);
        if (expanded.hasErrors()) {
            throw new CompileException(
                    expanded.diagnostics().stream().filter(Diagnostic::isError).toList());
        }
        Map<String, Integer> index = new HashMap<>();
        List<Step> steps = new ArrayList<>();
        List<List<Integer>> readers = new ArrayList<>();
        for (PrimitiveNode n : expanded.nodes()) {
            int i = steps.size();
            int[] inputs = n.inputs().stream().mapToInt(index::get).toArray();
            steps.add(step(n, i, inputs, options.dataType()));
            readers.add(new ArrayList<>());
            for (int in : inputs) {
                readers.get(in).add(i);
            }
            index.put(n.path(), i);
        }
        int[][] consumers = readers.stream()
                .map(l -> l.stream().mapToInt(Integer::intValue).toArray())
                .toArray(int[][]::new);
        Init.apply(steps, consumers, options.seed());
        return new Model(expanded, Plan.of(steps, consumers), options.dataType());
    }

    /** One step per primitive: exhaustive, so a new {@code Primitive} does not compile until it has a step. */
    private static Step step(PrimitiveNode n, int i, int[] in, DataType type) {
        return switch (n.kind()) {
            case INPUT -> new SimpleSteps.Input(n, i, in);
            case CONV2D, DEPTHWISE_CONV2D -> new ConvStep(n, i, in, type);
            case BATCH_NORM -> new BatchNormStep(n, i, in, type);
            case ACTIVATION -> new SimpleSteps.Act(n, i, in);
            case MAX_POOL, AVG_POOL -> new PoolStep(n, i, in);
            case GLOBAL_AVG_POOL -> new SimpleSteps.GlobalAvgPool(n, i, in);
            case FLATTEN -> new SimpleSteps.Flatten(n, i, in);
            case FULLY_CONNECTED -> new FullyConnectedStep(n, i, in, type);
            case DROPOUT -> new SimpleSteps.Dropout(n, i, in);
            case ADD -> new SimpleSteps.Add(n, i, in);
            case CONCAT -> new SimpleSteps.Concat(n, i, in);
            case SCALE -> new SimpleSteps.Scale(n, i, in);
            case CHANNEL_SHUFFLE -> new SimpleSteps.Shuffle(n, i, in);
            case CLASSIFIER -> new ClassifierStep(n, i, in);
        };
    }
}
