package org.blockscope.kind;

/** Palette groups, in palette order. */
public enum Category {
    INPUT_OUTPUT("Input / Output"),
    CONVOLUTION("Convolution"),
    NORMALIZATION_ACTIVATION("Normalization & activation"),
    POOLING("Pooling"),
    MERGE("Merge"),
    BLOCKS("Blocks"),
    INTERNAL("Internal");

    private final String title;

    Category(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }
}
