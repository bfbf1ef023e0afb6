package org.blockscope.kind;

/** The kinds that structure a graph rather than compute: user-made groups and the ports inside a block. */
public enum Structural implements BlockKind {
    /** A block the user made from a selection; its node carries its own body. */
    GROUP(KindInfo.of("Group", Category.BLOCKS, 1, Integer.MAX_VALUE, "Your own block made from a selection.")),

    /** Stands for input port {@code index} inside a composite's subgraph. Not in the palette. */
    PORT(KindInfo.of(
            "Port",
            Category.INTERNAL,
            0,
            0,
            "An input port of the enclosing block.",
            ParamSpec.integer("index", 0, 0, 64, "port number")));

    private final KindInfo info;

    Structural(KindInfo info) {
        this.info = info;
    }

    @Override
    public KindInfo info() {
        return info;
    }

    /** Nothing: a group's summary is its size, which only its node knows (the canvas adds it). */
    @Override
    public String keyParams(Params p) {
        return "";
    }

    @Override
    public String glyph() {
        return Glyph.DASHED_BOX;
    }
}
