package org.blockscope.engine.inspect;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The network's view of the probe image at one moment of training: inference-mode outputs of the
 * chosen nodes (private copies, [C,H,W] or [C]) and the class probabilities.
 */
public record ProbeSnapshot(
        int epoch, long iteration, long timeMillis, Map<String, INDArray> outputs, double[] probabilities) {}
