package org.blockscope.app.model;

import org.blockscope.kind.Category;

/** One colour per palette category, shared by the palette icons, the placeholder canvas and SVG export. */
public final class BlockColours {

    private BlockColours() {}

    public static String fill(Category c) {
        return switch (c) {
            case INPUT_OUTPUT -> "#e3f2fd";
            case CONVOLUTION -> "#e8f5e9";
            case NORMALIZATION_ACTIVATION -> "#fff8e1";
            case POOLING -> "#f3e5f5";
            case MERGE -> "#e0f7fa";
            case BLOCKS, INTERNAL -> "#fbe9e7";
        };
    }

    public static String stroke(Category c) {
        return switch (c) {
            case INPUT_OUTPUT -> "#1e88e5";
            case CONVOLUTION -> "#43a047";
            case NORMALIZATION_ACTIVATION -> "#f9a825";
            case POOLING -> "#8e24aa";
            case MERGE -> "#00acc1";
            case BLOCKS, INTERNAL -> "#e64a19";
        };
    }
}
