package org.blockscope.export.pytorch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.blockscope.engine.data.Normalization;
import org.blockscope.export.TrainedNetwork;

/**
 * A network's weights as the PyTorch project's {@code weights.safetensors}: every engine tensor under its
 * {@code state_dict} key ({@link TorchNames}), plus each batch norm's {@code num_batches_tracked}, and
 * metadata with the class names, input shape and normalisation. Reading maps the keys back and checks
 * that every tensor is there with the network's shape.
 */
public final class WeightsFile {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TRACKED = "num_batches_tracked";

    private WeightsFile() {}

    public static void write(TrainedNetwork net, Path file, String source) throws IOException {
        TorchNames names = TorchNames.of(net.graph());
        Map<String, SafeTensors.Tensor> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> e : net.tensorShapes().entrySet()) {
            String name = e.getKey();
            int slash = name.lastIndexOf('/');
            String path = name.substring(0, slash);
            tensors.put(
                    names.key(name), SafeTensors.Tensor.of(e.getValue(), net.tensor(path, name.substring(slash + 1))));
            if (name.endsWith("/running_var")) {
                tensors.put(names.key(path + "/" + TRACKED), SafeTensors.Tensor.scalar(0));
            }
        }
        SafeTensors.write(file, tensors, metadata(net, source));
    }

    private static Map<String, String> metadata(TrainedNetwork net, String source) throws JsonProcessingException {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("format", "pt");
        m.put("classes", JSON.writeValueAsString(net.classNames()));
        Normalization n = net.normalization();
        List<Float> mean = new ArrayList<>();
        List<Float> std = new ArrayList<>();
        for (int c = 0; c < n.channels(); c++) {
            mean.add(n.mean(c));
            std.add(n.std(c));
        }
        m.put("mean", JSON.writeValueAsString(mean));
        m.put("std", JSON.writeValueAsString(std));
        m.put(
                "input",
                net.inputShape().channels() + "x" + net.inputShape().height() + "x"
                        + net.inputShape().width());
        m.put("source", source);
        return m;
    }

    /** What a weights file holds for a network: engine tensors by name, class names and normalisation. */
    public record Loaded(Map<String, float[]> tensors, List<String> classNames, Normalization normalization) {}

    /**
     * Reads {@code file} for {@code net}: every tensor of the network must be there with its shape.
     *
     * @throws IOException naming the file and every missing, extra or misshapen tensor
     */
    public static Loaded read(TrainedNetwork net, Path file) throws IOException {
        SafeTensors.Contents c = SafeTensors.read(file);
        TorchNames names = TorchNames.of(net.graph());
        Map<String, float[]> tensors = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        Set<String> unused = new TreeSet<>(c.tensors().keySet());
        for (Map.Entry<String, long[]> e : net.tensorShapes().entrySet()) {
            String key = names.key(e.getKey());
            SafeTensors.Tensor t = c.tensors().get(key);
            unused.remove(key);
            if (e.getKey().endsWith("/running_var")) {
                unused.remove(names.key(e.getKey().replace("/running_var", "/" + TRACKED)));
            }
            if (t == null || t.values() == null) {
                problems.add("missing " + key);
            } else if (!java.util.Arrays.equals(t.shape(), e.getValue())) {
                problems.add(key + " has shape " + java.util.Arrays.toString(t.shape()) + ", the network needs "
                        + java.util.Arrays.toString(e.getValue()));
            } else {
                tensors.put(e.getKey(), t.values());
            }
        }
        unused.forEach(k -> problems.add("unexpected " + k));
        if (!problems.isEmpty()) {
            throw new IOException(file + " does not fit the network: " + String.join("; ", problems));
        }
        return new Loaded(tensors, classNames(c.metadata(), net, file), normalization(c.metadata(), net, file));
    }

    private static List<String> classNames(Map<String, String> meta, TrainedNetwork net, Path file) throws IOException {
        if (!meta.containsKey("classes")) {
            return net.classNames();
        }
        List<String> names = JSON.readValue(meta.get("classes"), new TypeReference<List<String>>() {});
        if (names.size() != net.output().output().channels()) {
            throw new IOException(file + ": metadata 'classes' lists " + names.size() + " classes, the network has "
                    + net.output().output().channels());
        }
        return names;
    }

    private static Normalization normalization(Map<String, String> meta, TrainedNetwork net, Path file)
            throws IOException {
        if (!meta.containsKey("mean") || !meta.containsKey("std")) {
            throw new IOException(file + ": no 'mean' and 'std' in the metadata: Blockscope needs the normalisation"
                    + " the weights were trained with (train.py and Blockscope write it)");
        }
        float[] mean = floats(meta.get("mean"));
        float[] std = floats(meta.get("std"));
        if (mean.length != net.inputShape().channels() || std.length != mean.length) {
            throw new IOException(file + ": metadata mean/std have " + mean.length + "/" + std.length
                    + " values, the network's input has " + net.inputShape().channels() + " channels");
        }
        return Normalization.of(mean, std);
    }

    private static float[] floats(String json) throws IOException {
        List<Double> l = JSON.readValue(json, new TypeReference<List<Double>>() {});
        float[] f = new float[l.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = l.get(i).floatValue();
        }
        return f;
    }
}
