package org.blockscope.app.diagram;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.blockscope.graph.Edge;
import org.blockscope.graph.Graph;
import org.blockscope.graph.Node;
import org.blockscope.graph.Position;
import org.eclipse.elk.alg.layered.LayeredLayoutProvider;
import org.eclipse.elk.alg.layered.options.LayeredMetaDataProvider;
import org.eclipse.elk.alg.layered.options.LayeredOptions;
import org.eclipse.elk.core.data.LayoutMetaDataService;
import org.eclipse.elk.core.math.ElkPadding;
import org.eclipse.elk.core.options.CoreOptions;
import org.eclipse.elk.core.options.PortConstraints;
import org.eclipse.elk.core.options.PortSide;
import org.eclipse.elk.core.util.BasicProgressMonitor;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.ElkPort;
import org.eclipse.elk.graph.util.ElkGraphUtil;

/**
 * Layered layout by Eclipse ELK (Sugiyama style: layers, crossing minimisation, Brandes-Köpf
 * placement), top to bottom or left to right as {@code geo.direction()} says, with room between
 * layers for the edges' turns and lanes. Pure computation over immutable values: safe off the UI
 * thread.
 */
public final class AutoLayout {

    static {
        // outside Eclipse, ELK's option types must be registered once before the first layout
        LayoutMetaDataService.getInstance().registerLayoutMetaDataProviders(new LayeredMetaDataProvider());
    }

    /** Space between layers: two port stubs and a lane's turn. */
    public static final double LAYER_GAP = 3 * Router.STUB + 16;

    private AutoLayout() {}

    /** New top-left positions for every node of {@code g}, with node boxes as drawn by {@code geo}. */
    public static Map<String, Position> positions(Graph g, SkinGeometry geo) {
        boolean down = geo.direction() == Direction.DOWN;
        ElkNode root = ElkGraphUtil.createGraph();
        root.setProperty(
                CoreOptions.DIRECTION,
                down ? org.eclipse.elk.core.options.Direction.DOWN : org.eclipse.elk.core.options.Direction.RIGHT);
        root.setProperty(CoreOptions.SPACING_NODE_NODE, 2 * Router.MARGIN + 8);
        root.setProperty(LayeredOptions.SPACING_NODE_NODE_BETWEEN_LAYERS, LAYER_GAP);
        root.setProperty(LayeredOptions.SPACING_EDGE_NODE_BETWEEN_LAYERS, Router.STUB);
        root.setProperty(LayeredOptions.SPACING_EDGE_NODE, Router.MARGIN);
        root.setProperty(CoreOptions.PADDING, new ElkPadding(0));
        Map<String, ElkNode> nodes = new HashMap<>();
        Map<String, ElkPort> outs = new HashMap<>();
        Map<String, ElkPort[]> ins = new HashMap<>();
        for (Node n : g.nodes()) {
            int ports = SkinGeometry.inputPorts(g, n);
            Box b = new Box(0, 0, geo.width(), geo.height(ports));
            ElkNode en = ElkGraphUtil.createNode(root);
            en.setDimensions(b.width(), b.height());
            en.setProperty(CoreOptions.PORT_CONSTRAINTS, PortConstraints.FIXED_POS);
            ElkPort out = ElkGraphUtil.createPort(en);
            out.setProperty(CoreOptions.PORT_SIDE, down ? PortSide.SOUTH : PortSide.EAST);
            out.setDimensions(1, 1);
            Point o = geo.output(b);
            out.setLocation(o.x() - (down ? 0.5 : 0), o.y() - (down ? 0 : 0.5));
            ElkPort[] inPorts = new ElkPort[ports];
            for (int i = 0; i < ports; i++) {
                ElkPort p = ElkGraphUtil.createPort(en);
                p.setProperty(CoreOptions.PORT_SIDE, down ? PortSide.NORTH : PortSide.WEST);
                p.setDimensions(1, 1);
                Point at = geo.input(b, i, ports);
                p.setLocation(at.x() - (down ? 0.5 : 1), at.y() - (down ? 1 : 0.5));
                inPorts[i] = p;
            }
            nodes.put(n.name(), en);
            outs.put(n.name(), out);
            ins.put(n.name(), inPorts);
        }
        for (Edge e : g.edges()) {
            ElkPort[] target = ins.get(e.to());
            if (target == null || !outs.containsKey(e.from())) {
                continue;
            }
            if (e.toPort() < target.length) {
                ElkGraphUtil.createSimpleEdge(outs.get(e.from()), target[e.toPort()]);
            } else {
                ElkGraphUtil.createSimpleEdge(nodes.get(e.from()), nodes.get(e.to()));
            }
        }
        deep(() -> new LayeredLayoutProvider().layout(root, new BasicProgressMonitor()));
        Map<String, Position> result = new LinkedHashMap<>();
        for (Node n : g.nodes()) {
            ElkNode en = nodes.get(n.name());
            result.put(n.name(), new Position(Math.round(en.getX()), Math.round(en.getY())));
        }
        return result;
    }

    /**
     * Runs ELK on a thread with a large stack: its component search recurses once per node along a
     * chain, which overflows an ordinary stack from about a thousand nodes on.
     */
    private static void deep(Runnable layout) {
        Throwable[] failed = new Throwable[1];
        Thread t = new Thread(
                null,
                () -> {
                    try {
                        layout.run();
                    } catch (Throwable e) { // handed to the caller's thread below
                        failed[0] = e;
                    }
                },
                "elk-layout",
                STACK);
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("layout interrupted", e);
        }
        if (failed[0] instanceof RuntimeException r) {
            throw r;
        }
        if (failed[0] instanceof Error err) {
            throw err;
        }
    }

    /** Stack of the layout thread: room for a recursion as deep as a very long chain. */
    private static final long STACK = 1L << 30;

    /** {@code g} with every node at its laid-out position. */
    public static Graph laidOut(Graph g, SkinGeometry geo) {
        Map<String, Position> pos = positions(g, geo);
        Graph r = g;
        for (Node n : g.nodes()) {
            r = r.withReplaced(n.withPosition(pos.get(n.name())));
        }
        return r;
    }
}
