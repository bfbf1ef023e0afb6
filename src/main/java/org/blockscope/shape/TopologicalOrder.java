package org.blockscope.shape;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.blockscope.graph.Edge;
import org.blockscope.graph.Graph;

/** Kahn's algorithm, ties broken by node order so the result is stable; reports cycles. */
public final class TopologicalOrder {

    private TopologicalOrder() {}

    /** The sorted names, and every cycle found (each as a list of names, first repeated last). */
    public record Result(List<String> order, List<List<String>> cycles) {}

    public static Result of(Graph g) {
        int n = g.size();
        int[] indegree = new int[n];
        for (Edge e : g.edges()) {
            indegree[g.indexOf(e.to())]++;
        }
        PriorityQueue<Integer> ready = new PriorityQueue<>();
        for (int i = 0; i < n; i++) {
            if (indegree[i] == 0) {
                ready.add(i);
            }
        }
        List<String> order = new ArrayList<>(n);
        while (!ready.isEmpty()) {
            int i = ready.poll();
            String name = g.nodes().get(i).name();
            order.add(name);
            for (Edge e : g.outputs(name)) {
                int j = g.indexOf(e.to());
                if (--indegree[j] == 0) {
                    ready.add(j);
                }
            }
        }
        List<List<String>> cycles = order.size() == n ? List.of() : findCycles(g, indegree);
        return new Result(order, cycles);
    }

    /** Tarjan's strongly connected components among the nodes Kahn could not place. */
    private static List<List<String>> findCycles(Graph g, int[] indegree) {
        List<List<String>> cycles = new ArrayList<>();
        Map<String, Integer> low = new HashMap<>();
        Map<String, Integer> num = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        java.util.Set<String> onStack = new java.util.HashSet<>();
        int[] counter = {0};
        for (int i = 0; i < g.size(); i++) {
            String v = g.nodes().get(i).name();
            if (indegree[i] > 0 && !num.containsKey(v)) {
                strongConnect(g, v, indegree, low, num, stack, onStack, counter, cycles);
            }
        }
        return cycles;
    }

    private static void strongConnect(
            Graph g,
            String v,
            int[] indegree,
            Map<String, Integer> low,
            Map<String, Integer> num,
            Deque<String> stack,
            java.util.Set<String> onStack,
            int[] counter,
            List<List<String>> cycles) {
        num.put(v, counter[0]);
        low.put(v, counter[0]++);
        stack.push(v);
        onStack.add(v);
        for (Edge e : g.outputs(v)) {
            String w = e.to();
            if (indegree[g.indexOf(w)] == 0) {
                continue;
            }
            if (!num.containsKey(w)) {
                strongConnect(g, w, indegree, low, num, stack, onStack, counter, cycles);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (onStack.contains(w)) {
                low.put(v, Math.min(low.get(v), num.get(w)));
            }
        }
        if (low.get(v).equals(num.get(v))) {
            List<String> component = new ArrayList<>();
            String w;
            do {
                w = stack.pop();
                onStack.remove(w);
                component.add(0, w);
            } while (!w.equals(v));
            boolean selfLoop = g.outputs(v).stream().anyMatch(e -> e.to().equals(v));
            if (component.size() > 1 || selfLoop) {
                component.add(component.get(0));
                cycles.add(component);
            }
        }
    }
}
