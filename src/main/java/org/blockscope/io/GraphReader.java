package org.blockscope.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.blockscope.block.BlockKinds;
import org.blockscope.graph.Edge;
import org.blockscope.graph.Graph;
import org.blockscope.graph.Node;
import org.blockscope.graph.Position;
import org.blockscope.graph.Subgraph;
import org.blockscope.kind.BlockKind;
import org.blockscope.kind.ParamSpec;
import org.blockscope.kind.Params;
import org.blockscope.kind.Structural;
import org.blockscope.primitive.Primitive;

/**
 * Turns a parsed document into a {@link Graph}, checking everything {@link Graph#of} and
 * {@link Node} would refuse first, so that each problem is reported at its JSON path.
 */
final class GraphReader {

    private static final List<String> TOP_FIELDS = List.of("format", "version", "nodes", "edges");
    private static final List<String> BODY_FIELDS = List.of("nodes", "edges", "output");
    private static final List<String> NODE_FIELDS = List.of("name", "kind", "params", "position", "body");
    private static final List<String> EDGE_FIELDS = List.of("from", "to", "port");
    private static final List<String> POSITION_FIELDS = List.of("x", "y");

    private final LocatedJson doc;
    private final String source;

    private GraphReader(LocatedJson doc, String source) {
        this.doc = doc;
        this.source = source;
    }

    static Graph read(String json, String source) throws GraphFileException {
        return new GraphReader(LocatedJson.parse(json, source), source).top();
    }

    private Graph top() throws GraphFileException {
        JsonNode root = doc.root();
        if (!root.isObject()) {
            throw error("$", "expected a Blockscope graph (a JSON object), got " + LocatedJson.describe(root));
        }
        JsonNode format = root.get("format");
        if (format == null) {
            throw missing("$", "format", "\"" + GraphFiles.FORMAT + "\"; is this a Blockscope graph file?");
        }
        if (!format.isTextual() || !format.textValue().equals(GraphFiles.FORMAT)) {
            throw error("$.format", "expected \"" + GraphFiles.FORMAT + "\", got " + LocatedJson.describe(format));
        }
        // the version is checked before anything else, so a newer file says so instead of failing oddly
        JsonNode version = root.get("version");
        if (version == null) {
            throw missing("$", "version", "the format version, a whole number");
        }
        if (!version.isIntegralNumber()) {
            throw error("$.version", "expected a whole number, got " + LocatedJson.describe(version));
        }
        int cmp = version.bigIntegerValue().compareTo(java.math.BigInteger.valueOf(GraphFiles.VERSION));
        if (cmp > 0) {
            throw error(
                    "$.version",
                    "version " + version + " is newer than this Blockscope understands (" + GraphFiles.VERSION
                            + "); please update");
        }
        if (cmp < 0) {
            throw error("$.version", "expected version " + GraphFiles.VERSION + ", got " + version);
        }
        onlyFields(root, "$", TOP_FIELDS);
        return graph(root, "$");
    }

    private Graph graph(JsonNode obj, String path) throws GraphFileException {
        JsonNode nodesArray = array(obj, path, "nodes");
        Map<String, String> pathOfName = new HashMap<>();
        Map<String, BlockKind> kinds = new HashMap<>();
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < nodesArray.size(); i++) {
            Node n = node(nodesArray.get(i), LocatedJson.index(path + ".nodes", i), pathOfName);
            kinds.put(n.name(), n.kind());
            nodes.add(n);
        }
        JsonNode edgesArray = array(obj, path, "edges");
        Map<String, String> pathOfPort = new HashMap<>();
        List<Edge> edges = new ArrayList<>();
        for (int i = 0; i < edgesArray.size(); i++) {
            edges.add(edge(edgesArray.get(i), LocatedJson.index(path + ".edges", i), kinds, pathOfPort));
        }
        try {
            return Graph.of(nodes, edges);
        } catch (IllegalArgumentException e) {
            throw error(path, e.getMessage()); // not expected: everything Graph.of checks was checked above
        }
    }

    private Node node(JsonNode n, String path, Map<String, String> pathOfName) throws GraphFileException {
        object(n, path, "a node");
        onlyFields(n, path, NODE_FIELDS);
        String name = string(n, path, "name");
        if (name.isBlank() || name.contains("/")) {
            throw error(path + ".name", "expected a non-blank name without \"/\", got " + LocatedJson.quote(name));
        }
        String other = pathOfName.putIfAbsent(name, path);
        if (other != null) {
            throw error(
                    path + ".name",
                    "expected a name no other node has, got " + LocatedJson.quote(name) + " (already used by " + other
                            + ")");
        }
        String kindId = string(n, path, "kind");
        BlockKind kind = BlockKinds.byId(kindId)
                .orElseThrow(() -> error(
                        path + ".kind",
                        "expected a block kind such as \"conv2d\" or \"residual\", got " + LocatedJson.quote(kindId)));
        if (kind == Primitive.INPUT && path.contains(".body.")) {
            // the editor never puts one there (Grouping refuses it); one from elsewhere would become a
            // second network input that nothing feeds
            throw error(
                    path + ".kind",
                    "expected no input node inside a group (a group's inputs are its port nodes), got "
                            + LocatedJson.quote(kindId));
        }
        Params params = params(n.get("params"), path + ".params", kind);
        Position position = position(n.get("position"), path + ".position");
        JsonNode body = n.get("body");
        Subgraph sub = null;
        if (kind == Structural.GROUP) {
            if (body == null) {
                throw missing(path, "body", "the inside of the group: an object with nodes, edges and output");
            }
            sub = body(body, path + ".body");
        } else if (body != null) {
            throw error(
                    path + ".body",
                    "expected no body (only group nodes have one), got one on a " + kind.id() + " node");
        }
        return new Node(name, kind, params, position, sub);
    }

    private Params params(JsonNode p, String path, BlockKind kind) throws GraphFileException {
        if (p == null) {
            return kind.defaults();
        }
        object(p, path, "the parameters");
        Map<String, Object> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = p.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            String at = LocatedJson.field(path, f.getKey());
            ParamSpec spec = kind.spec(f.getKey())
                    .orElseThrow(() -> error(
                            at,
                            kind.specs().isEmpty()
                                    ? "unknown parameter (a " + kind.id() + " block has none)"
                                    : "unknown parameter (expected one of " + names(kind) + ")"));
            Object v = ParamValues.read(spec, f.getValue());
            if (v == null) {
                throw error(
                        at, "expected " + ParamValues.expected(spec) + ", got " + LocatedJson.describe(f.getValue()));
            }
            values.put(spec.name(), v);
        }
        return kind.defaults().withAll(Params.of(values));
    }

    private static String names(BlockKind kind) {
        return kind.specs().stream().map(ParamSpec::name).collect(Collectors.joining(", "));
    }

    private Position position(JsonNode p, String path) throws GraphFileException {
        if (p == null) {
            return Position.ORIGIN;
        }
        object(p, path, "a position");
        onlyFields(p, path, POSITION_FIELDS);
        return new Position(number(p, path, "x"), number(p, path, "y"));
    }

    private Subgraph body(JsonNode b, String path) throws GraphFileException {
        object(b, path, "the inside of the group");
        onlyFields(b, path, BODY_FIELDS);
        Graph inside = graph(b, path);
        String output = string(b, path, "output");
        if (!inside.contains(output)) {
            throw error(path + ".output", "expected the name of a node in this body, got " + LocatedJson.quote(output));
        }
        return new Subgraph(inside, output);
    }

    private Edge edge(JsonNode e, String path, Map<String, BlockKind> kinds, Map<String, String> pathOfPort)
            throws GraphFileException {
        object(e, path, "an edge");
        onlyFields(e, path, EDGE_FIELDS);
        String from = nodeName(e, path, "from", kinds);
        String to = nodeName(e, path, "to", kinds);
        JsonNode portNode = e.get("port");
        if (portNode == null) {
            throw missing(path, "port", "the input port number, a whole number");
        }
        if (!portNode.isIntegralNumber() || !portNode.canConvertToInt() || portNode.intValue() < 0) {
            throw error(path + ".port", "expected a whole number >= 0, got " + LocatedJson.describe(portNode));
        }
        int port = portNode.intValue();
        BlockKind kind = kinds.get(to);
        if (port >= kind.maxInputs()) {
            throw error(
                    path + ".port",
                    kind.maxInputs() == 0
                            ? "expected no edge into " + LocatedJson.quote(to) + " (a " + kind.id()
                                    + " has no inputs), got port " + port
                            : "expected a port below " + kind.maxInputs() + " (a " + kind.id() + " has "
                                    + kind.maxInputs() + " input" + (kind.maxInputs() == 1 ? "" : "s") + "), got "
                                    + port);
        }
        String other = pathOfPort.putIfAbsent(to + "\u0000" + port, path);
        if (other != null) {
            throw error(
                    path + ".port",
                    "expected a free port of " + LocatedJson.quote(to) + ", got " + port + " (already connected by "
                            + other + ")");
        }
        return new Edge(from, to, port);
    }

    private String nodeName(JsonNode e, String path, String field, Map<String, BlockKind> kinds)
            throws GraphFileException {
        String name = string(e, path, field);
        if (!kinds.containsKey(name)) {
            throw error(
                    path + "." + field,
                    "expected the name of a node, got " + LocatedJson.quote(name) + " (no node has that name)");
        }
        return name;
    }

    // ---- small readers -------------------------------------------------------------------------

    private void object(JsonNode v, String path, String what) throws GraphFileException {
        if (!v.isObject()) {
            throw error(path, "expected " + what + " (a JSON object), got " + LocatedJson.describe(v));
        }
    }

    private void onlyFields(JsonNode obj, String path, List<String> allowed) throws GraphFileException {
        for (Iterator<String> it = obj.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!allowed.contains(name)) {
                throw error(
                        LocatedJson.field(path, name), "unknown field (expected " + String.join(", ", allowed) + ")");
            }
        }
    }

    private JsonNode array(JsonNode obj, String path, String field) throws GraphFileException {
        JsonNode v = obj.get(field);
        if (v == null) {
            throw missing(path, field, "an array");
        }
        if (!v.isArray()) {
            throw error(path + "." + field, "expected an array, got " + LocatedJson.describe(v));
        }
        return v;
    }

    private String string(JsonNode obj, String path, String field) throws GraphFileException {
        JsonNode v = obj.get(field);
        if (v == null) {
            throw missing(path, field, "a string");
        }
        if (!v.isTextual()) {
            throw error(path + "." + field, "expected a string, got " + LocatedJson.describe(v));
        }
        return v.textValue();
    }

    private double number(JsonNode obj, String path, String field) throws GraphFileException {
        JsonNode v = obj.get(field);
        if (v == null) {
            throw missing(path, field, "a number");
        }
        if (!v.isNumber() || !Double.isFinite(v.doubleValue())) {
            throw error(path + "." + field, "expected a number, got " + LocatedJson.describe(v));
        }
        return v.doubleValue();
    }

    private GraphFileException missing(String objectPath, String field, String expected) {
        return error(objectPath + "." + field, objectPath, "missing (expected " + expected + ")");
    }

    private GraphFileException error(String path, String problem) {
        return error(path, path, problem);
    }

    /** {@code locatedAt}: the path whose position to report, e.g. the object lacking a field. */
    private GraphFileException error(String path, String locatedAt, String problem) {
        LocatedJson.Location at = doc.at(locatedAt);
        return at == null
                ? new GraphFileException(source, path, 0, 0, problem)
                : new GraphFileException(source, path, at.line(), at.column(), problem);
    }
}
