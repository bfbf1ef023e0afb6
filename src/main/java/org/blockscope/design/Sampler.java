package org.blockscope.design;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Random;
import org.blockscope.analysis.NetworkAnalysis;
import org.blockscope.graph.Graph;

/**
 * Draws networks from a design space until {@code count} fit the budget (inference MACs and
 * parameters), rejecting the others and any network with an error, as the RegNet paper samples
 * models within a flop regime. The same seed draws the same networks.
 */
public final class Sampler {

    /** How many networks were drawn for one accepted, at most. */
    public static final int TRIES_PER_SAMPLE = 200;

    /** The accepted candidates and how many draws were rejected (over budget, invalid). */
    public record Sample(List<Candidate> candidates, int overBudget, int invalid) {}

    /** {@code Long.MAX_VALUE} for no limit. */
    public record Budget(long macs, long params) {
        public static final Budget NONE = new Budget(Long.MAX_VALUE, Long.MAX_VALUE);

        boolean admits(long m, long p) {
            return m <= macs && p <= params;
        }
    }

    private Sampler() {}

    public static Sample sample(DesignSpace space, int count, Budget budget, long seed) {
        Random rng = new Random(seed);
        List<Candidate> out = new ArrayList<>();
        int over = 0;
        int invalid = 0;
        for (int tries = 0; out.size() < count && tries < count * TRIES_PER_SAMPLE; tries++) {
            LinkedHashMap<String, String> choices = new LinkedHashMap<>();
            Graph g;
            try {
                g = space.sample(rng, choices);
            } catch (IllegalArgumentException e) {
                invalid++; // e.g. a RegNet design the rule refuses
                continue;
            }
            NetworkAnalysis a = NetworkAnalysis.of(g);
            if (a.hasErrors()) {
                invalid++;
                continue;
            }
            long macs = a.inference().macs();
            long params = a.total().params();
            if (!budget.admits(macs, params)) {
                over++;
                continue;
            }
            out.add(new Candidate(out.size() + 1, choices, g, params, macs));
        }
        return new Sample(out, over, invalid);
    }
}
