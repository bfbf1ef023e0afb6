package org.blockscope.app.canvas;

import java.util.Locale;
import java.util.Map;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.blockscope.app.diagram.Box;
import org.blockscope.app.diagram.Diagram;
import org.blockscope.app.diagram.EdgeRole;
import org.blockscope.app.diagram.SkinGeometry;
import org.blockscope.app.diagram.Stages;
import org.blockscope.app.model.EditorModel;
import org.blockscope.edit.Document;
import org.blockscope.graph.Graph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Time to open very large networks on the canvas (residual chains of {@link LargeGraphs}): the
 * diagram computations alone, then a canvas shown until its first pulse is drawn. Run alone:
 * {@code mvn -o test -Dtest=LargeGraphBenchmark -Dblockscope.perf=true -Dblockscope.sizes=5000,60000}.
 */
@EnabledIfSystemProperty(named = "blockscope.perf", matches = "true")
@ExtendWith(ApplicationExtension.class)
class LargeGraphBenchmark {

    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    private static double ms(long t0) {
        return (System.nanoTime() - t0) / 1e6;
    }

    /** One action on the FX thread with the reconcile, CSS and layout it causes. */
    private static void step(GraphCanvas c, String what, Runnable r) throws Exception {
        double[] took = WaitForAsyncUtils.asyncFx(() -> {
                    var bean = java.lang.management.ManagementFactory.getThreadMXBean();
                    long cpu = bean.getCurrentThreadCpuTime();
                    long t = System.nanoTime();
                    r.run();
                    c.flush();
                    c.applyCss();
                    c.layout();
                    return new double[] {ms(t), (bean.getCurrentThreadCpuTime() - cpu) / 1e6};
                })
                .get();
        int skins = WaitForAsyncUtils.asyncFx(() -> c.view().skins().size()).get();
        System.out.printf(
                Locale.ROOT,
                "  %-30s %6.0f ms wall, %6.0f ms FX-thread CPU  (%d node skins)%n",
                what,
                took[0],
                took[1],
                skins);
    }

    @Test
    void openLargeResidualChains() throws Exception {
        for (String s : System.getProperty("blockscope.sizes", "5000,60000").split(",")) {
            int n = Integer.parseInt(s.trim());
            Graph g = LargeGraphs.residualChain(n);
            long t = System.nanoTime();
            Map<?, ?> roles = EdgeRole.of(g);
            double tRoles = ms(t);
            t = System.nanoTime();
            int stages = Stages.of(g).size();
            double tStages = ms(t);
            t = System.nanoTime();
            Map<String, Box> boxes = Diagram.boxes(g, SkinGeometry.NORMAL);
            double tBoxes = ms(t);
            t = System.nanoTime();
            int routes = Diagram.routes(g, SkinGeometry.NORMAL, boxes).size();
            double tRoutes = ms(t);
            System.out.printf(
                    Locale.ROOT,
                    "%d nodes, %d edges: roles %.0f ms (%d), stages %.0f ms (%d), boxes %.0f ms, routes %.0f ms (%d)%n",
                    g.size(),
                    g.edges().size(),
                    tRoles,
                    roles.size(),
                    tStages,
                    stages,
                    tBoxes,
                    tRoutes,
                    routes);
            if (Boolean.getBoolean("blockscope.layout")) {
                t = System.nanoTime();
                int placed = org.blockscope.app.diagram.AutoLayout.positions(g, SkinGeometry.NORMAL)
                        .size();
                System.out.printf(Locale.ROOT, "  auto layout of %d nodes: %.0f ms%n", placed, ms(t));
            }
            if (Boolean.getBoolean("blockscope.diagramOnly")) {
                continue;
            }
            EditorModel[] model = new EditorModel[1];
            long[] at = new long[4];
            WaitForAsyncUtils.asyncFx(() -> {
                        at[0] = System.nanoTime();
                        model[0] = new EditorModel(new Document(g), Platform::runLater, true);
                        at[1] = System.nanoTime();
                        GraphCanvas c = new GraphCanvas(model[0]);
                        stage.setScene(new Scene(c, 1400, 900));
                        stage.show();
                        at[2] = System.nanoTime();
                    })
                    .get();
            WaitForAsyncUtils.waitForFxEvents();
            at[3] = System.nanoTime();
            GraphCanvas c = (GraphCanvas) stage.getScene().getRoot();
            int skins = WaitForAsyncUtils.asyncFx(() -> c.view().skins().size()).get();
            System.out.printf(
                    Locale.ROOT,
                    "  open on the canvas: model (analysis) %.0f ms, canvas + show %.0f ms, until drawn %.0f ms;"
                            + " total %.0f ms, %d node skins%n",
                    (at[1] - at[0]) / 1e6,
                    (at[2] - at[1]) / 1e6,
                    (at[3] - at[2]) / 1e6,
                    (at[3] - at[0]) / 1e6,
                    skins);
            EditorModel m = model[0];
            String far = "b" + (g.size() / 7 - 5) + "_add";
            for (int i = 0; i < 3; i++) {
                step(c, "pan 300 px", () -> c.panZoom().panBy(0, -300));
            }
            step(c, "reveal a far node, selected", () -> {
                m.select(far);
                c.centreOn(far);
            });
            for (int i = 0; i < 3; i++) {
                step(c, "move it (one drag step)", () -> m.moveSelection(10, 0));
            }
            m.endGesture();
            step(c, "undo the move", m::undo);
            step(c, "zoom to 5 % (overview)", () -> c.panZoom().setZoom(PanZoom.MIN, 700, 450));
            step(c, "Fit", c::fitToView);
            m.shutdown();
        }
    }
}
