package org.blockscope.export.pytorch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.blockscope.block.NamedBlock;

/**
 * The hand-written {@code model.py} classes of named blocks, one file per kind: {@code blocks/<id>.py},
 * written to read like the paper, attribute names as in the block's expansion so the weights fit. A
 * named block without one is written from its expansion instead, as a group is (see {@link ModuleWriter}),
 * so a new named block exports before anyone writes its class.
 */
final class BlockClasses {

    /** One hand-written class: its kind's id, its class name and its source. */
    record HandWritten(String id, String className, String source) {}

    /** Classes a block class uses, written before it. */
    private static final Map<String, List<String>> NEEDS = Map.of("residual", List.of("se"), "mbconv", List.of("se"));

    private static final Pattern CLASS = Pattern.compile("^class (\\w+)\\(nn\\.Module\\):", Pattern.MULTILINE);
    private static final Map<String, Optional<HandWritten>> CACHE = new ConcurrentHashMap<>();

    private BlockClasses() {}

    static Optional<HandWritten> of(NamedBlock kind) {
        return byId(kind.id());
    }

    static Optional<HandWritten> byId(String id) {
        return CACHE.computeIfAbsent(id, BlockClasses::load);
    }

    /** The ids of the classes {@code id}'s class uses. */
    static List<String> needs(String id) {
        return NEEDS.getOrDefault(id, List.of());
    }

    private static Optional<HandWritten> load(String id) {
        try (InputStream in = BlockClasses.class.getResourceAsStream("blocks/" + id + ".py")) {
            if (in == null) {
                return Optional.empty();
            }
            String source = new String(in.readAllBytes(), StandardCharsets.UTF_8).stripTrailing() + "\n";
            Matcher m = CLASS.matcher(source);
            if (!m.find()) {
                throw new IllegalStateException("blocks/" + id + ".py defines no nn.Module class");
            }
            return Optional.of(new HandWritten(id, m.group(1), source));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
