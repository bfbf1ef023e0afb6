package org.blockscope.design;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.blockscope.graph.Graph;
import org.blockscope.graph.Shape;
import org.blockscope.io.GraphFileException;
import org.blockscope.io.GraphFiles;
import org.blockscope.templates.Inputs;
import org.blockscope.templates.Templates;

/**
 * Reads a design space from JSON. {@code "space": "regnet"} with ranges {@code depth}, {@code w0},
 * {@code wa}, {@code wm} ({@code [low, high]}) and choices {@code groupWidth}, {@code bottleneck},
 * {@code se} (lists); or {@code "space": "network"} with a {@code template} id or a {@code file}
 * (relative to the space file) and any of {@code repeats}, {@code width} ({@code [low, high]}),
 * {@code se}, {@code kernel} (lists). Both take {@code input} ({@code "1x28x28"}) and {@code classes}.
 * Every error names the file and the field.
 */
public final class SpaceFiles {

    /** A space file that cannot be used; the message names the file and the field. */
    public static final class SpaceFileException extends Exception {
        public SpaceFileException(String message) {
            super(message, null, false, false);
        }
    }

    private SpaceFiles() {}

    public static DesignSpace read(Path file) throws SpaceFileException {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new SpaceFileException(file + ": cannot read: " + e.getMessage());
        }
        return parse(text, file.getFileName().toString(), file.toAbsolutePath().getParent());
    }

    public static DesignSpace parse(String json, String source, Path dir) throws SpaceFileException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new SpaceFileException(source + ": not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new SpaceFileException(source + ": expected a JSON object");
        }
        Reader r = new Reader(root, source);
        String kind = r.text("space");
        return switch (kind) {
            case "regnet" ->
                new RegNetSpace(
                        r.shape(),
                        r.integer("classes", 10),
                        r.integer("stemWidth", 32),
                        r.intRange("depth"),
                        r.intRange("w0"),
                        r.realRange("wa", true),
                        r.realRange("wm", false),
                        r.list("groupWidth", JsonNode::isInt, JsonNode::asInt, "whole numbers"),
                        r.list("bottleneck", JsonNode::isNumber, JsonNode::asDouble, "numbers"),
                        r.list("se", JsonNode::isBoolean, JsonNode::asBoolean, "true/false"));
            case "network" -> network(r, source, dir);
            default ->
                throw new SpaceFileException(
                        source + ": 'space' must be \"regnet\" or \"network\", got \"" + kind + "\"");
        };
    }

    private static NetworkSpace network(Reader r, String source, Path dir) throws SpaceFileException {
        Graph base;
        String name;
        if (r.root.has("template")) {
            name = r.text("template");
            base = Templates.byId(name)
                    .orElseThrow(() -> new SpaceFileException(source + ": 'template': no template named '"
                            + r.root.get("template").asText() + "'"))
                    .graph();
        } else if (r.root.has("file")) {
            Path f = dir == null ? Path.of(r.text("file")) : dir.resolve(r.text("file"));
            name = f.getFileName().toString();
            try {
                base = GraphFiles.read(f);
            } catch (GraphFileException e) {
                throw new SpaceFileException(source + ": 'file': " + e.getMessage());
            }
        } else {
            throw new SpaceFileException(source + ": a network space needs 'template' or 'file'");
        }
        Shape input = r.root.has("input") ? r.shape() : Inputs.of(base).orElse(Shape.map(3, 32, 32));
        return new NetworkSpace(
                name,
                base,
                input,
                r.integer("classes", 10),
                r.root.has("repeats") ? r.intRange("repeats") : null,
                r.root.has("width") ? r.realRange("width", false) : null,
                r.root.has("se") ? r.list("se", JsonNode::isBoolean, JsonNode::asBoolean, "true/false") : List.of(),
                r.root.has("kernel") ? r.list("kernel", JsonNode::isInt, JsonNode::asInt, "whole numbers") : List.of());
    }

    /** Field access with messages naming the file and the field. */
    private record Reader(JsonNode root, String source) {

        private JsonNode field(String name) throws SpaceFileException {
            JsonNode v = root.get(name);
            if (v == null || v.isNull()) {
                throw new SpaceFileException(source + ": missing '" + name + "'");
            }
            return v;
        }

        String text(String name) throws SpaceFileException {
            JsonNode v = field(name);
            if (!v.isTextual()) {
                throw new SpaceFileException(source + ": '" + name + "' must be a string, got " + v);
            }
            return v.asText();
        }

        int integer(String name, int fallback) throws SpaceFileException {
            if (!root.has(name)) {
                return fallback;
            }
            JsonNode v = field(name);
            if (!v.isInt() || v.asInt() < 1) {
                throw new SpaceFileException(source + ": '" + name + "' must be a whole number ≥ 1, got " + v);
            }
            return v.asInt();
        }

        Shape shape() throws SpaceFileException {
            String t = text("input");
            try {
                Shape s = Shape.parse(t);
                if (!s.vector()) {
                    return s;
                }
            } catch (IllegalArgumentException e) {
                // fall through
            }
            throw new SpaceFileException(source + ": 'input' must be like \"1x28x28\", got \"" + t + "\"");
        }

        Ranges.IntRange intRange(String name) throws SpaceFileException {
            JsonNode v = field(name);
            if (!v.isArray()
                    || v.size() != 2
                    || !v.get(0).isInt()
                    || !v.get(1).isInt()
                    || v.get(0).asInt() < 1) {
                throw new SpaceFileException(
                        source + ": '" + name + "' must be [low, high], whole numbers ≥ 1, got " + v);
            }
            try {
                return new Ranges.IntRange(v.get(0).asInt(), v.get(1).asInt());
            } catch (IllegalArgumentException e) {
                throw new SpaceFileException(source + ": '" + name + "': " + e.getMessage());
            }
        }

        Ranges.RealRange realRange(String name, boolean log) throws SpaceFileException {
            JsonNode v = field(name);
            if (!v.isArray()
                    || v.size() != 2
                    || !v.get(0).isNumber()
                    || !v.get(1).isNumber()) {
                throw new SpaceFileException(source + ": '" + name + "' must be [low, high], numbers, got " + v);
            }
            try {
                return new Ranges.RealRange(v.get(0).asDouble(), v.get(1).asDouble(), log);
            } catch (IllegalArgumentException e) {
                throw new SpaceFileException(source + ": '" + name + "': " + e.getMessage());
            }
        }

        <T> List<T> list(
                String name, java.util.function.Predicate<JsonNode> is, Function<JsonNode, T> value, String what)
                throws SpaceFileException {
            JsonNode v = field(name);
            if (!v.isArray() || v.isEmpty()) {
                throw new SpaceFileException(source + ": '" + name + "' must be a list of " + what + ", got " + v);
            }
            List<T> out = new ArrayList<>();
            for (JsonNode e : v) {
                if (!is.test(e)) {
                    throw new SpaceFileException(
                            source + ": '" + name + "' must be a list of " + what + ", got " + e + " in it");
                }
                out.add(value.apply(e));
            }
            return out;
        }
    }
}
