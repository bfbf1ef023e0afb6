package org.blockscope.analysis;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.blockscope.primitive.Primitive;
import org.blockscope.primitive.PrimitiveNode;

/**
 * Which primitives only training evaluates: those that reach a training-only classifier (an
 * auxiliary head, Szegedy et al. 2015 section 5) and no inference classifier. Inference skips them,
 * so their MACs are not part of what the network costs once trained.
 */
final class TrainingOnly {

    private TrainingOnly() {}

    static Set<String> paths(List<PrimitiveNode> nodes) {
        Map<String, PrimitiveNode> byPath = new HashMap<>();
        for (PrimitiveNode p : nodes) {
            byPath.put(p.path(), p);
        }
        Set<String> inference = new HashSet<>();
        Set<String> training = new HashSet<>();
        for (PrimitiveNode p : nodes) {
            if (p.kind() == Primitive.CLASSIFIER) {
                reach(p, byPath, p.params().getBool("trainingOnly") ? training : inference);
            }
        }
        training.removeAll(inference);
        return training;
    }

    private static void reach(PrimitiveNode from, Map<String, PrimitiveNode> byPath, Set<String> seen) {
        java.util.ArrayDeque<PrimitiveNode> todo = new java.util.ArrayDeque<>();
        todo.add(from);
        while (!todo.isEmpty()) {
            PrimitiveNode p = todo.pop();
            if (!seen.add(p.path())) {
                continue;
            }
            for (String in : p.inputs()) {
                PrimitiveNode q = byPath.get(in);
                if (q != null) {
                    todo.add(q);
                }
            }
        }
    }
}
