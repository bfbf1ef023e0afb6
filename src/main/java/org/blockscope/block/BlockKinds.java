package org.blockscope.block;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.blockscope.kind.BlockKind;
import org.blockscope.kind.Structural;
import org.blockscope.primitive.Primitive;

/** All kinds of block, from the three tables: primitives, named blocks, then groups and ports. */
public final class BlockKinds {

    private static final List<BlockKind> ALL;

    static {
        List<BlockKind> all = new ArrayList<>();
        all.addAll(List.of(Primitive.values()));
        all.addAll(List.of(NamedBlock.values()));
        all.addAll(List.of(Structural.values()));
        ALL = List.copyOf(all);
    }

    private BlockKinds() {}

    /** Every kind, in palette order within each table. */
    public static List<BlockKind> all() {
        return ALL;
    }

    /** The kinds a user can place from the palette (not groups or ports). */
    public static List<BlockKind> placeable() {
        return ALL.stream().filter(k -> !(k instanceof Structural)).toList();
    }

    /** The kind with this id ({@code dense_block}), ignoring case. */
    public static Optional<BlockKind> byId(String id) {
        for (BlockKind k : ALL) {
            if (k.id().equalsIgnoreCase(id)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
