package org.blockscope.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.blockscope.engine.data.DataException;
import org.blockscope.export.Predictor;
import org.blockscope.export.Predictor.ImagePrediction;
import org.blockscope.export.TrainedNetwork;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "predict",
        description = "Class probabilities and logits (full float precision) of a trained network for images.")
final class PredictCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "CKPT", description = "a checkpoint saved by 'blockscope train --save'")
    Path checkpoint;

    static final class Images {
        @Option(names = "--image", required = true, paramLabel = "FILE", description = "one image")
        Path image;

        @Option(
                names = "--folder",
                required = true,
                paramLabel = "DIR",
                description = "every image in a folder and its sub-folders")
        Path folder;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Images images;

    @Option(names = "--json", description = "machine-readable output")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        TrainedNetwork net;
        List<ImagePrediction> results;
        try {
            net = NetworkSource.checkpoint(checkpoint);
            List<Path> files = images.image != null ? List.of(images.image) : Predictor.imagesIn(images.folder);
            results = Predictor.predict(net, files);
        } catch (GraphSource.Failure | DataException e) {
            return BlockscopeCli.fail(err, e.getMessage());
        }
        String preprocessing = Predictor.preprocessing(net.inputShape(), net.normalization())
                + " (normalisation saved in the checkpoint)";
        out.print(json ? json(net, preprocessing, results) : text(net, preprocessing, results));
        out.flush();
        return 0;
    }

    private static String text(TrainedNetwork net, String preprocessing, List<ImagePrediction> results) {
        StringBuilder s =
                new StringBuilder("preprocessing: ").append(preprocessing).append("\n");
        List<String> names = net.classNames();
        int width = Math.max(5, names.stream().mapToInt(String::length).max().orElse(5));
        for (ImagePrediction r : results) {
            s.append("\n")
                    .append(r.image())
                    .append(String.format(
                            Locale.ROOT, ": %s (%.1f%%)%n", names.get(r.best()), 100.0 * r.probabilities()[r.best()]));
            s.append(String.format(Locale.ROOT, "  %-" + width + "s  %-16s %s%n", "class", "probability", "logit"));
            for (int k = 0; k < names.size(); k++) {
                s.append(String.format(
                        Locale.ROOT,
                        "  %-" + width + "s  %-16s %s%n",
                        names.get(k),
                        Float.toString(r.probabilities()[k]),
                        Float.toString(r.logits()[k])));
            }
        }
        return s.toString();
    }

    private static String json(TrainedNetwork net, String preprocessing, List<ImagePrediction> results) {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("preprocessing", preprocessing);
        ArrayNode input = root.putArray("input");
        input.add(net.inputShape().channels())
                .add(net.inputShape().height())
                .add(net.inputShape().width());
        ArrayNode mean = root.putArray("mean");
        ArrayNode std = root.putArray("std");
        for (int c = 0; c < net.normalization().channels(); c++) {
            mean.add(net.normalization().mean(c));
            std.add(net.normalization().std(c));
        }
        ArrayNode classes = root.putArray("classes");
        net.classNames().forEach(classes::add);
        ArrayNode list = root.putArray("predictions");
        for (ImagePrediction r : results) {
            ObjectNode o = list.addObject();
            o.put("image", r.image().toString());
            o.put("predicted", net.classNames().get(r.best()));
            ArrayNode p = o.putArray("probabilities");
            ArrayNode z = o.putArray("logits");
            for (int k = 0; k < r.logits().length; k++) {
                p.add(r.probabilities()[k]); // float: written with Float.toString, every digit kept
                z.add(r.logits()[k]);
            }
        }
        try {
            return mapper.writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
