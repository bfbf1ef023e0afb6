package org.blockscope.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JSON document parsed with Jackson's streaming API into a tree, remembering where every value
 * starts, so that a problem found later can still name its line and column. Syntax errors become
 * {@link GraphFileException}s naming the innermost open object or array.
 */
final class LocatedJson {

    record Location(int line, int column) {}

    /** Nesting limit: each level of groups inside groups takes 3 (node, body, nodes), so 64 levels fit. */
    static final int MAX_DEPTH = 200;

    private static final JsonFactory FACTORY = new JsonFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern JACKSON_CODE = Pattern.compile(" ?\\(code [^)]*\\)");
    private static final Pattern JACKSON_SOURCE = Pattern.compile(" ?\\(?(at )?\\[Source: [^\\]]*\\]\\)?");
    private static final Pattern WRONG_CLOSER = Pattern.compile("Unexpected close marker '(.)'");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private record Open(String path, Location start, boolean object) {}

    private final String source;
    private final Map<String, Location> locations = new HashMap<>();
    private final Deque<Open> open = new ArrayDeque<>();
    private JsonNode root;

    private LocatedJson(String source) {
        this.source = source;
    }

    static LocatedJson parse(String text, String source) throws GraphFileException {
        LocatedJson doc = new LocatedJson(source);
        doc.parse(text.startsWith("\uFEFF") ? text.substring(1) : text);
        return doc;
    }

    JsonNode root() {
        return root;
    }

    /** Where the value at {@code path} starts, or {@code null} if the document has no such value. */
    Location at(String path) {
        return locations.get(path);
    }

    static String field(String parent, String name) {
        if (IDENTIFIER.matcher(name).matches()) {
            return parent + "." + name;
        }
        return parent + "[" + quote(name) + "]";
    }

    static String index(String parent, int i) {
        return parent + "[" + i + "]";
    }

    /** A string as it would appear in JSON, shortened when long. */
    static String quote(String s) {
        String shown = s.length() > 40 ? s.substring(0, 37) + "..." : s;
        StringBuilder sb = new StringBuilder("\"");
        for (char c : shown.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                default -> sb.append(c < ' ' ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return sb.append('"').toString();
    }

    /** A value as quoted after "got" in messages. */
    static String describe(JsonNode v) {
        if (v == null || v.isMissingNode()) {
            return "nothing";
        }
        if (v.isTextual()) {
            return quote(v.textValue());
        }
        if (v.isObject()) {
            return "an object";
        }
        if (v.isArray()) {
            return "an array";
        }
        return v.toString(); // number, true, false, null
    }

    private void parse(String text) throws GraphFileException {
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new GraphFileException(
                        source,
                        null,
                        0,
                        0,
                        "the file is empty (expected a Blockscope graph, a JSON object starting with \"{\")");
            }
            root = value(p, "$");
            if (p.nextToken() != null) {
                Location at = location(p.currentTokenLocation());
                throw new GraphFileException(
                        source,
                        "$",
                        at.line(),
                        at.column(),
                        "unexpected text after the end of the graph (expected nothing after its closing \"}\")");
            }
        } catch (JsonEOFException e) {
            throw truncated(e.getLocation());
        } catch (JsonParseException e) {
            throw malformed(e);
        } catch (IOException e) {
            // reading from a String fails only on syntax (above) or Jackson's limits (string length, numbers)
            Location at = e instanceof JsonProcessingException j && j.getLocation() != null
                    ? location(j.getLocation())
                    : new Location(0, 0);
            throw new GraphFileException(
                    source,
                    open.isEmpty() ? "$" : open.peek().path(),
                    at.line(),
                    at.column(),
                    "a value is longer than a graph file allows (a text, a number or the nesting)");
        }
    }

    private GraphFileException malformed(JsonParseException e) {
        Location at = location(e.getLocation());
        String path = open.isEmpty() ? "$" : open.peek().path();
        String original = e.getOriginalMessage();
        Matcher closer = WRONG_CLOSER.matcher(original);
        if (closer.lookingAt()) {
            String problem = open.isEmpty()
                    ? "unexpected \"" + closer.group(1)
                            + "\" after the end of the graph (expected nothing after its closing \"}\")"
                    : "not valid JSON: unexpected \"" + closer.group(1) + "\" (expected \""
                            + (open.peek().object() ? "}" : "]")
                            + "\" to close the " + (open.peek().object() ? "object" : "array") + " that starts at line "
                            + open.peek().start().line() + ", column "
                            + open.peek().start().column() + ")";
            return new GraphFileException(source, path, at.line(), at.column(), problem);
        }
        // Jackson's own wording, minus character codes and source descriptions meant for programmers
        String why = JACKSON_SOURCE
                .matcher(JACKSON_CODE.matcher(original).replaceAll(""))
                .replaceAll("");
        return new GraphFileException(
                source,
                path,
                at.line(),
                at.column(),
                "not valid JSON: " + Character.toLowerCase(why.charAt(0)) + why.substring(1));
    }

    private GraphFileException truncated(JsonLocation end) {
        Location at = location(end);
        if (open.isEmpty()) {
            return new GraphFileException(
                    source, "$", at.line(), at.column(), "the file ends too early (is it truncated?)");
        }
        Open o = open.peek();
        return new GraphFileException(
                source,
                o.path(),
                at.line(),
                at.column(),
                "the file ends too early (is it truncated?): expected \"" + (o.object() ? "}" : "]")
                        + "\" to close the " + (o.object() ? "object" : "array") + " that starts at line "
                        + o.start().line() + ", column " + o.start().column());
    }

    private JsonNode value(JsonParser p, String path) throws IOException, GraphFileException {
        Location start = location(p.currentTokenLocation());
        locations.put(path, start);
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT -> {
                checkDepth(path, start);
                open.push(new Open(path, start, true));
                ObjectNode obj = NODES.objectNode();
                for (JsonToken k = next(p); k != JsonToken.END_OBJECT; k = next(p)) {
                    String name = p.currentName();
                    String child = field(path, name);
                    if (obj.has(name)) {
                        Location at = location(p.currentTokenLocation());
                        throw new GraphFileException(
                                source,
                                child,
                                at.line(),
                                at.column(),
                                "appears twice in the same object (expected each field once)");
                    }
                    next(p);
                    obj.set(name, value(p, child));
                }
                open.pop();
                return obj;
            }
            case START_ARRAY -> {
                checkDepth(path, start);
                open.push(new Open(path, start, false));
                ArrayNode arr = NODES.arrayNode();
                for (JsonToken k = next(p); k != JsonToken.END_ARRAY; k = next(p)) {
                    arr.add(value(p, index(path, arr.size())));
                }
                open.pop();
                return arr;
            }
            case VALUE_STRING -> {
                return NODES.textNode(p.getText());
            }
            case VALUE_NUMBER_INT -> {
                return switch (p.getNumberType()) {
                    case INT -> NODES.numberNode(p.getIntValue());
                    case LONG -> NODES.numberNode(p.getLongValue());
                    default -> NODES.numberNode(p.getBigIntegerValue());
                };
            }
            case VALUE_NUMBER_FLOAT -> {
                return NODES.numberNode(p.getDoubleValue());
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return NODES.booleanNode(t == JsonToken.VALUE_TRUE);
            }
            case VALUE_NULL -> {
                return NODES.nullNode();
            }
            default -> throw new IllegalStateException("unexpected token " + t);
        }
    }

    /** Refuses absurd nesting before the recursion could exhaust the stack. */
    private void checkDepth(String path, Location start) throws GraphFileException {
        if (open.size() >= MAX_DEPTH) {
            throw new GraphFileException(
                    source,
                    path,
                    start.line(),
                    start.column(),
                    "nested more than " + MAX_DEPTH + " levels deep (a graph file nests far less; is it one?)");
        }
    }

    /** A JSON path of at most about 80 characters: its start and its end. */
    static String shortPath(String path) {
        return path.length() <= 80 ? path : path.substring(0, 40) + "…" + path.substring(path.length() - 36);
    }

    private JsonToken next(JsonParser p) throws IOException {
        JsonToken t = p.nextToken();
        if (t == null) {
            throw new JsonEOFException(p, null, "end of input");
        }
        return t;
    }

    private static Location location(JsonLocation l) {
        return new Location(Math.max(l.getLineNr(), 0), Math.max(l.getColumnNr(), 0));
    }
}
