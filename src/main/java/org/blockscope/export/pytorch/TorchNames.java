package org.blockscope.export.pytorch;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.blockscope.graph.Graph;
import org.blockscope.graph.Node;
import org.blockscope.kind.BlockKind;
import org.blockscope.kind.Structural;

/**
 * Python names for the nodes of a graph and PyTorch {@code state_dict} keys for the engine's tensors.
 * A node keeps its name when it is a valid Python identifier that clashes with nothing; otherwise
 * characters other than letters, digits and {@code _} become {@code _}, a leading digit gets {@code n_},
 * a keyword or a name {@code nn.Module} (or model.py) already uses gets a trailing {@code _}, and a
 * repeat gets {@code _2}, {@code _3}, ... Names inside named blocks are the expansion's own
 * ({@code conv1}, {@code shortcut_bn}, ...), which the block classes of model.py use as they are.
 *
 * <p>Keys: {@code stage1_0/bn1/gamma} → {@code stage1_0.bn1.weight}; gamma and beta are PyTorch's
 * batch-norm {@code weight} and {@code bias}, the other tensor names are the same.
 */
public final class TorchNames {

    private static final Set<String> RESERVED = Set.of(
            // Python keywords
            "False",
            "None",
            "True",
            "and",
            "as",
            "assert",
            "async",
            "await",
            "break",
            "class",
            "continue",
            "def",
            "del",
            "elif",
            "else",
            "except",
            "finally",
            "for",
            "from",
            "global",
            "if",
            "import",
            "in",
            "is",
            "lambda",
            "nonlocal",
            "not",
            "or",
            "pass",
            "raise",
            "return",
            "try",
            "while",
            "with",
            "yield",
            // names model.py uses
            "self",
            "torch",
            "nn",
            "F",
            "math",
            "json",
            "struct",
            "sys",
            "os",
            "channel_shuffle",
            "activation_layer",
            "conv_bn_relu",
            "projection",
            "basic_conv",
            "load_safetensors",
            "save_safetensors",
            "load_weights",
            "Network",
            "HEAD_WEIGHTS",
            "INPUT_SHAPE",
            "outputs",
            // attributes and methods of nn.Module
            "training",
            "forward",
            "eval",
            "train",
            "to",
            "cuda",
            "cpu",
            "type",
            "float",
            "double",
            "half",
            "bfloat16",
            "state_dict",
            "load_state_dict",
            "parameters",
            "named_parameters",
            "buffers",
            "named_buffers",
            "children",
            "named_children",
            "modules",
            "named_modules",
            "apply",
            "zero_grad",
            "requires_grad_",
            "register_buffer",
            "register_parameter",
            "add_module",
            "register_module",
            "get_submodule",
            "get_parameter",
            "get_buffer",
            "extra_repr",
            "share_memory",
            "dump_patches",
            "call_super_init",
            "ipu",
            "xpu",
            "to_empty",
            "register_forward_hook",
            "register_forward_pre_hook",
            "register_backward_hook",
            "register_full_backward_hook",
            "get_extra_state",
            "set_extra_state");

    /** Python names of one graph level; groups have a level of their own. */
    public static final class Level {
        private final Map<String, String> names = new HashMap<>();
        private final Map<String, Level> groups = new HashMap<>();
        private final Map<String, BlockKind> kinds = new HashMap<>();

        /** The Python name of node {@code name} of this level. */
        public String of(String name) {
            String n = names.get(name);
            if (n == null) {
                throw new IllegalArgumentException("no node '" + name + "'");
            }
            return n;
        }

        /** The level of a group node's body. */
        public Level group(String name) {
            return groups.get(name);
        }
    }

    private final Level root;

    private TorchNames(Level root) {
        this.root = root;
    }

    public static TorchNames of(Graph graph) {
        return new TorchNames(level(graph));
    }

    private static Level level(Graph g) {
        Level l = new Level();
        Set<String> used = new HashSet<>();
        for (Node n : g.nodes()) {
            String name = identifier(n.name());
            String unique = name;
            for (int i = 2; !used.add(unique); i++) {
                unique = name + "_" + i;
            }
            l.names.put(n.name(), unique);
            l.kinds.put(n.name(), n.kind());
            if (n.kind() == Structural.GROUP) {
                l.groups.put(n.name(), level(n.body().graph()));
            }
        }
        return l;
    }

    /** A valid Python identifier for {@code name} (before making it unique in its level). */
    static String identifier(String name) {
        StringBuilder s = new StringBuilder();
        for (char c : name.toCharArray()) {
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
            s.append(ok ? c : '_');
        }
        String id = s.toString();
        if (id.isEmpty() || Character.isDigit(id.charAt(0)) || id.charAt(0) == '_') {
            id = "n_" + id; // a leading _ would reach nn.Module's own _parameters, _modules, ...
        }
        return RESERVED.contains(id) ? id + "_" : id;
    }

    /** The names inside a named block written from its expansion: the expansion's own names. */
    static Level expansionLevel(Graph inside) {
        Level l = new Level();
        for (Node n : inside.nodes()) {
            String id = identifier(n.name());
            if (!id.equals(n.name()) && n.kind() != Structural.PORT) {
                // weights are keyed by the expansion's own names (see key): they must be Python names
                throw new IllegalStateException("expansion node '" + n.name() + "' is not a Python name");
            }
            l.names.put(n.name(), id);
            l.kinds.put(n.name(), n.kind());
        }
        return l;
    }

    public Level root() {
        return root;
    }

    /** The state_dict key of an engine tensor ({@code path/name}). */
    public String key(String tensor) {
        List<String> parts = List.of(tensor.split("/"));
        StringBuilder key = new StringBuilder();
        Level level = root;
        for (int i = 0; i < parts.size() - 1; i++) {
            String part = parts.get(i);
            String py = part;
            if (level != null) {
                py = level.of(part);
                BlockKind kind = level.kinds.get(part);
                level = kind == Structural.GROUP ? level.group(part) : null; // inside a named block: its own names
            }
            key.append(py).append('.');
        }
        return key.append(parameter(parts.get(parts.size() - 1))).toString();
    }

    private static String parameter(String engineName) {
        return switch (engineName) {
            case "gamma" -> "weight";
            case "beta" -> "bias";
            default -> engineName; // weight, bias, running_mean, running_var
        };
    }
}
