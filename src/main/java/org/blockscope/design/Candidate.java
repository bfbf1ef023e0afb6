package org.blockscope.design;

import java.util.Map;
import org.blockscope.graph.Graph;

/**
 * One network sampled from a design space: its number in the sample, the values chosen for each free
 * parameter (in the space's order, as text), the network and its inference costs.
 */
public record Candidate(int index, Map<String, String> choices, Graph graph, long params, long macs) {

    /** {@code d=8 w0=24 wa=12.5 …}: the choices on one line. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        choices.forEach((k, v) ->
                sb.append(sb.length() == 0 ? "" : " ").append(k).append('=').append(v));
        return sb.toString();
    }
}
