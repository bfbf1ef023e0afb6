package org.blockscope.engine.compile;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The arrays of one forward (and backward) pass, indexed by step. */
final class Pass {
  final Mode mode;
  final long noiseSeed;
  final INDArray[] out;
  final INDArray[] grad;
  /** grad[i] was allocated by {@link #accumulate} (a sum), so it may be added to in place. */
  final boolean[] ownedGrad;
  final Map<String, INDArray> paramGrads = new LinkedHashMap<>();
  INDArray input;
  int[] labels;
  double loss;

  Pass(int steps, Mode mode, long noiseSeed) {
    this.mode = mode;
    this.noiseSeed = noiseSeed;
    this.out = new INDArray[steps];
    this.grad = new INDArray[steps];
    this.ownedGrad = new boolean[steps];
  }

  /** Every array of this pass: input, outputs, gradients, parameter gradients. */
  java.util.List<INDArray> all() {
    java.util.List<INDArray> l = new java.util.ArrayList<>();
    if (input != null) l.add(input);
    for (INDArray a : out) if (a != null) l.add(a);
    for (INDArray a : grad) if (a != null) l.add(a);
    l.addAll(paramGrads.values());
    return l;
  }

  INDArray in(Step s, int port) {
    return out[s.inputs[port]];
  }

  /** Adds {@code d} to the gradient of step {@code index}'s output (fan-out sums). Never mutates d. */
  void accumulate(int index, INDArray d) {
    INDArray g = grad[index];
    if (g == null) {
      grad[index] = d;
      ownedGrad[index] = false;
    } else if (ownedGrad[index]) {
      g.addi(d);                                    // a sum this pass allocated: nobody else holds it
    } else {
      grad[index] = g.add(d);
      ownedGrad[index] = true;
    }
  }

  void accumulateInput(Step s, int port, INDArray d) {
    accumulate(s.inputs[port], d);
  }
}
