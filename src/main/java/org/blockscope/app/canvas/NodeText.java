package org.blockscope.app.canvas;

import java.util.Locale;
import org.blockscope.graph.Node;
import org.blockscope.graph.Params;

/**
 * The one-line summary of a node's key parameters shown on its skin, e.g. {@code 64 filters 3×3 /2},
 * {@code L=6 k=32} or {@code r=16}. Pure text, no JavaFX, so it is tested as a table.
 */
public final class NodeText {

    private NodeText() {}

    public static String keyParams(Node n) {
        Params p = n.params();
        return switch (n.kind()) {
            case INPUT, BATCH_NORM, GLOBAL_AVG_POOL, FLATTEN, ADD, CONCAT, SCALE, PORT -> "";
            case CONV2D ->
                p.getInt("filters") + " filters " + window(p)
                        + (p.getInt("groups") > 1 ? " g=" + p.getInt("groups") : "")
                        + (p.getInt("dilation") > 1 ? " d=" + p.getInt("dilation") : "");
            case DEPTHWISE_CONV2D ->
                window(p)
                        + (p.getInt("multiplier") > 1 ? " ×" + p.getInt("multiplier") : "")
                        + (p.getInt("dilation") > 1 ? " d=" + p.getInt("dilation") : "");
            case MAX_POOL, AVG_POOL -> window(p);
            case ACTIVATION -> p.getString("function");
            case FULLY_CONNECTED -> p.getInt("units") + " units";
            case DROPOUT -> "p=" + number(p.getDouble("rate"));
            case CHANNEL_SHUFFLE -> "g=" + p.getInt("groups");
            case CLASSIFIER ->
                p.getBool("trainingOnly") ? "training only ×" + number(p.getDouble("lossWeight")) : "softmax";
            case INCEPTION -> p.getInt("c1") + "/" + p.getInt("c3") + "/" + p.getInt("c5") + "/" + p.getInt("poolProj");
            case AUX_CLASSIFIER -> p.getInt("classes") + " classes ×" + number(p.getDouble("lossWeight"));
            case RESIDUAL ->
                p.getString("variant") + " " + p.getInt("filters") + stride(p) + (p.getBool("se") ? " SE" : "");
            case RESNEXT ->
                p.getInt("filters") + " " + p.getInt("cardinality") + "×" + p.getInt("baseWidth") + "d" + stride(p);
            case DENSE_BLOCK -> "L=" + p.getInt("layers") + " k=" + p.getInt("growth");
            case TRANSITION -> "θ=" + number(p.getDouble("compression"));
            case SE -> p.getInt("squeeze") > 0 ? "squeeze " + p.getInt("squeeze") : "r=" + p.getInt("ratio");
            case SEPARABLE_CONV -> p.getInt("filters") + " filters " + square(p.getInt("kernel")) + stride(p);
            case MBCONV ->
                p.getInt("filters") + " t=" + p.getInt("expansion") + " " + square(p.getInt("kernel")) + stride(p)
                        + (p.getBool("se") ? " SE" : "");
            case SHUFFLE_UNIT -> p.getInt("filters") + " g=" + p.getInt("groups") + stride(p);
            case VGG_STAGE ->
                p.getInt("convs") + "×conv " + p.getInt("filters") + (p.getBool("batchNorm") ? " BN" : "");
            case GROUP -> n.body().graph().size() + " nodes";
        };
    }

    private static String window(Params p) {
        return square(p.getInt("kernel")) + stride(p);
    }

    private static String stride(Params p) {
        int s = p.getInt("stride");
        return s > 1 ? " /" + s : "";
    }

    private static String square(int k) {
        return k + "×" + k;
    }

    private static String number(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : String.format(Locale.ROOT, "%s", d);
    }
}
