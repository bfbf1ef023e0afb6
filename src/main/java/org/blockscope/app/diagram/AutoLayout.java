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
import org.eclipse.elk.core.options.CoreOptions;
import org.eclipse.elk.core.options.Direction;
import org.eclipse.elk.core.options.PortConstraints;
import org.eclipse.elk.core.options.PortSide;
import org.eclipse.elk.core.util.BasicProgressMonitor;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.ElkPort;
import org.eclipse.elk.graph.util.ElkGraphUtil;

/**
 * Left-to-right layered layout by Eclipse ELK (Sugiyama style: layers, crossing minimisation,
 * Brandes-Köpf placement). Pure computation over immutable values: safe off the UI thread.
 */
public final class AutoLayout {

    static {
        // outside Eclipse, ELK's option types must be registered once before the first layout
        LayoutMetaDataService.getInstance().registerLayoutMetaDataProviders(new LayeredMetaDataProvider());
    }

    private AutoLayout() {}

    /** New top-left positions for every node of {@code g}, with node boxes as drawn by {@code geo}. */
    public static Map<String, Position> positions(Graph g, SkinGeometry geo) {
        ElkNode root = ElkGraphUtil.createGraph();
        root.setProperty(CoreOptions.DIRECTION, Direction.RIGHT);
        root.setProperty(CoreOptions.SPACING_NODE_NODE, 36.0);
        root.setProperty(LayeredOptions.SPACING_NODE_NODE_BETWEEN_LAYERS, 90.0);
        root.setProperty(LayeredOptions.SPACING_EDGE_NODE_BETWEEN_LAYERS, 20.0);
        root.setProperty(CoreOptions.PADDING, new org.eclipse.elk.core.math.ElkPadding(0));
        Map<String, ElkNode> nodes = new HashMap<>();
        Map<String, ElkPort> outs = new HashMap<>();
        Map<String, ElkPort[]> ins = new HashMap<>();
        for (Node n : g.nodes()) {
            int ports = SkinGeometry.inputPorts(g, n);
            double h = geo.height(ports);
            ElkNode en = ElkGraphUtil.createNode(root);
            en.setDimensions(geo.width(), h);
            en.setProperty(CoreOptions.PORT_CONSTRAINTS, PortConstraints.FIXED_POS);
            ElkPort out = ElkGraphUtil.createPort(en);
            out.setProperty(CoreOptions.PORT_SIDE, PortSide.EAST);
            out.setDimensions(1, 1);
            out.setLocation(geo.width(), geo.outputY(h));
            ElkPort[] inPorts = new ElkPort[ports];
            for (int i = 0; i < ports; i++) {
                ElkPort p = ElkGraphUtil.createPort(en);
                p.setProperty(CoreOptions.PORT_SIDE, PortSide.WEST);
                p.setDimensions(1, 1);
                p.setLocation(-1, geo.inputY(i, ports, h));
                inPorts[i] = p;
            }
            nodes.put(n.name(), en);
            outs.put(n.name(), out);
            ins.put(n.name(), inPorts);
        }
        for (Edge e : g.edges()) {
            ElkPort[] target = ins.get(e.to());
            if (e.toPort() < target.length) {
                ElkGraphUtil.createSimpleEdge(outs.get(e.from()), target[e.toPort()]);
            } else {
                ElkGraphUtil.createSimpleEdge(nodes.get(e.from()), nodes.get(e.to()));
            }
        }
        new LayeredLayoutProvider().layout(root, new BasicProgressMonitor());
        Map<String, Position> result = new LinkedHashMap<>();
        for (Node n : g.nodes()) {
            ElkNode en = nodes.get(n.name());
            result.put(n.name(), new Position(Math.round(en.getX()), Math.round(en.getY())));
        }
        return result;
    }
}
