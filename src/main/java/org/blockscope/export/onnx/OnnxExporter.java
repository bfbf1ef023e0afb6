package org.blockscope.export.onnx;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.blockscope.export.Predictor;
import org.blockscope.export.TrainedNetwork;
import org.blockscope.primitive.Primitive;
import org.blockscope.primitive.PrimitiveNode;

/**
 * Writes a network as an ONNX model: standard operators of the default domain only, the weights (trained
 * or initial) as initializers, node names from the graph. Inputs: {@code <input node>} [N, C, H, W], the
 * preprocessed image; outputs: {@code logits} and {@code probabilities} [N, classes]. Class names, input
 * shape and normalisation are in the model's metadata so a viewer shows how to feed it.
 */
public final class OnnxExporter {

    public static final int DEFAULT_OPSET = 17;
    public static final int MIN_OPSET = 13; // Unsqueeze with axes as an input, Softmax on one axis
    public static final int MAX_OPSET = 21;
    private static final String PRODUCER_VERSION = "0.1.0";

    private OnnxExporter() {}

    /** What keeps the network from being written at {@code opset}; empty when it can be. */
    public static List<String> problems(TrainedNetwork net, int opset) {
        List<String> problems = new ArrayList<>();
        if (opset < MIN_OPSET || opset > MAX_OPSET) {
            problems.add("opset " + opset + " is not supported: choose " + MIN_OPSET + " to " + MAX_OPSET + " (default "
                    + DEFAULT_OPSET + ")");
        }
        for (PrimitiveNode p : net.expanded().nodes()) {
            if (opset < 14
                    && p.kind() == Primitive.ACTIVATION
                    && p.params().getString("function").equals("hardswish")) {
                problems.add("'" + p.owner() + "': " + p.localName()
                        + " uses hardswish, an ONNX operator since opset 14" + " (export with --opset 14 or later)");
            }
        }
        return problems;
    }

    /** IR version of the ONNX release that introduced {@code opset} (ONNX versioning docs). */
    static long irVersion(int opset) {
        if (opset <= 14) {
            return 7;
        }
        if (opset <= 18) {
            return 8;
        }
        return opset <= 20 ? 9 : 10;
    }

    /**
     * Writes the model to {@code out}.
     *
     * @param source what the network came from, for the model's doc string
     * @throws IllegalArgumentException when {@link #problems} is not empty
     */
    public static void write(TrainedNetwork net, int opset, String source, OutputStream out) throws IOException {
        List<String> problems = problems(net, opset);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        Onnx.Graph graph = new OnnxGraphWriter(net, "blockscope").write();
        String doc =
                "Exported by Blockscope from " + source + (net.trained() ? " (trained weights)" : " (initial weights)")
                        + ". Input: the image after preprocessing; outputs: logits and probabilities.";
        ProtoMessage model = Onnx.model(irVersion(opset), opset, PRODUCER_VERSION, doc, graph.message);
        Onnx.metadata(model, "classes", String.join("\n", net.classNames()));
        Onnx.metadata(
                model,
                "input",
                net.inputShape().channels() + "x" + net.inputShape().height() + "x"
                        + net.inputShape().width());
        Onnx.metadata(model, "preprocessing", Predictor.preprocessing(net.inputShape(), net.normalization()));
        Onnx.write(model, out);
    }

    /** Writes the model to a file: a temporary file next to it, then a rename, so nothing half-written stays. */
    public static void write(TrainedNetwork net, int opset, String source, Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            write(net, opset, source, out);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The model as bytes (tests, small networks). */
    public static byte[] bytes(TrainedNetwork net, int opset, String source) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(net, opset, source, out);
        return out.toByteArray();
    }
}
