package org.blockscope.analysis;

import org.blockscope.cost.Cost;
import org.blockscope.cost.ReceptiveField;
import org.blockscope.graph.Shape;

/** Output shape, cost and receptive field of one node (primitive or whole named block). */
public record NodeStats(String name, String kind, Shape output, Cost cost, ReceptiveField receptiveField) {}
