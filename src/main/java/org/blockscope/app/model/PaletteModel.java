package org.blockscope.app.model;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.blockscope.block.BlockKinds;
import org.blockscope.kind.BlockKind;
import org.blockscope.kind.Category;

/** What the palette lists and which entries a search keeps. Pure Java. */
public final class PaletteModel {

    private PaletteModel() {}

    /** Every kind a user can place (not groups or ports), by category in palette order. */
    public static Map<Category, List<BlockKind>> entries() {
        return BlockKinds.placeable().stream()
                .collect(Collectors.groupingBy(
                        BlockKind::category, () -> new EnumMap<>(Category.class), Collectors.toList()));
    }

    /** A search matches the display name, the id or the category, ignoring case. */
    public static boolean matches(BlockKind k, String query) {
        String q = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
        if (q.isEmpty()) {
            return true;
        }
        return k.displayName().toLowerCase(Locale.ROOT).contains(q)
                || k.id().replace('_', ' ').contains(q)
                || k.category().title().toLowerCase(Locale.ROOT).contains(q);
    }
}
