package org.blockscope.design;

import java.util.LinkedHashMap;
import java.util.Random;
import org.blockscope.graph.Graph;
import org.blockscope.graph.Shape;

/**
 * A set of networks described by a few free parameters, from which networks are drawn at random
 * (Radosavovic et al. 2019, "On network design spaces for visual recognition"): the RegNet space,
 * or one network with some of its choices left free.
 */
public sealed interface DesignSpace permits RegNetSpace, NetworkSpace {

    /** The input every network of the space takes. */
    Shape input();

    /** The number of classes every network predicts. */
    int classes();

    /**
     * One network drawn with {@code rng}, its choices written into {@code choices} in the space's
     * order. May return a network with diagnostics (the sampler rejects those).
     */
    Graph sample(Random rng, LinkedHashMap<String, String> choices);

    /** What is free, in one line. */
    String describe();
}
