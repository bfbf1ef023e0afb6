package org.blockscope.export;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Runs an exported ONNX model with ONNX Runtime (CPU, two threads) and returns its two outputs. */
final class OrtRunner {

    private OrtRunner() {}

    record Outputs(float[][] logits, float[][] probabilities) {}

    static Outputs run(byte[] model, String inputName, INDArray x) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions opts = options();
                OrtSession session = env.createSession(model, opts)) {
            return run(env, session, inputName, x);
        }
    }

    static Outputs run(Path model, String inputName, INDArray x) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions opts = options();
                OrtSession session = env.createSession(model.toString(), opts)) {
            return run(env, session, inputName, x);
        }
    }

    private static OrtSession.SessionOptions options() throws OrtException {
        OrtSession.SessionOptions opts = new OrtSession.SessionOptions();
        opts.setIntraOpNumThreads(2);
        return opts;
    }

    private static Outputs run(OrtEnvironment env, OrtSession session, String inputName, INDArray x)
            throws OrtException {
        float[] data = x.castTo(DataType.FLOAT).dup('c').data().asFloat();
        try (OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(data), x.shape());
                OrtSession.Result r = session.run(Map.of(inputName, in))) {
            float[][] logits = (float[][]) r.get("logits").orElseThrow().getValue();
            float[][] probs = (float[][]) r.get("probabilities").orElseThrow().getValue();
            return new Outputs(logits, probs);
        }
    }
}
