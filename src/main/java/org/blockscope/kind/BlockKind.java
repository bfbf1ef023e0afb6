package org.blockscope.kind;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A kind of block. Three tables implement it, one row per kind: {@code primitive.Primitive} (what
 * the engine executes, each row with its rules), {@code block.NamedBlock} (the named blocks of the
 * papers, each row with its expansion into primitives) and {@link Structural} (groups and ports).
 * {@code block.BlockKinds} lists them all and finds one by id.
 */
public interface BlockKind {

    /** The enum constant's name, e.g. {@code DENSE_BLOCK}. */
    String name();

    KindInfo info();

    /** The one-line summary of the key parameters shown on a node, e.g. {@code 64 filters 3×3 /2}. */
    String keyParams(Params p);

    /** The palette icon, in the little drawing language of {@link Glyph}. */
    String glyph();

    /** The id used in files and on the command line, e.g. {@code dense_block}. */
    default String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    default String displayName() {
        return info().displayName();
    }

    default Category category() {
        return info().category();
    }

    default String tooltip() {
        return info().tooltip();
    }

    default List<ParamSpec> specs() {
        return info().specs();
    }

    default Optional<ParamSpec> spec(String name) {
        return info().spec(name);
    }

    default Params defaults() {
        return info().defaults();
    }

    default int minInputs() {
        return info().minInputs();
    }

    default int maxInputs() {
        return info().maxInputs();
    }

    default boolean variadic() {
        return maxInputs() == Integer.MAX_VALUE;
    }

    /** Ports shown for a node with {@code connected} inputs: variadic kinds offer one free port. */
    default int inputPorts(int connected) {
        if (!variadic()) {
            return maxInputs();
        }
        return Math.max(minInputs(), connected + 1);
    }

    /** True for kinds whose node stands for a subgraph: named blocks and groups. */
    default boolean composite() {
        return category() == Category.BLOCKS;
    }

    /** Checks every parameter value; messages quote what was received. */
    default List<String> validate(Params params) {
        List<String> problems = new ArrayList<>();
        for (ParamSpec s : specs()) {
            if (!params.has(s.name())) {
                problems.add("missing parameter " + s.name());
            } else {
                s.check(params.get(s.name())).ifPresent(problems::add);
            }
        }
        for (String key : params.asMap().keySet()) {
            if (info().spec(key).isEmpty()) {
                problems.add("unknown parameter '" + key + "' for " + displayName());
            }
        }
        return problems;
    }
}
