package org.blockscope.app.canvas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.blockscope.app.diagram.AutoLayout;
import org.blockscope.app.diagram.SkinGeometry;
import org.blockscope.app.model.EditorModel;
import org.blockscope.edit.Document;
import org.blockscope.graph.Graph;
import org.blockscope.graph.Node;
import org.blockscope.graph.Position;
import org.blockscope.primitive.Primitive;
import org.blockscope.templates.Templates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Frame times while panning, zooming and dragging DenseNet-121 with every block ungrouped (~430
 * nodes). Run alone: {@code mvn -o test -Dtest=CanvasPerformance -Dblockscope.perf=true}.
 */
@EnabledIfSystemProperty(named = "blockscope.perf", matches = "true")
@ExtendWith(ApplicationExtension.class)
class CanvasPerformance {

    static {
        System.setProperty("javafx.animation.fullspeed", "true"); // pulses as fast as they can go
    }

    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    static Graph expandedDenseNet() {
        EditorModel m = new EditorModel(new Document(Templates.graph("densenet121")), Runnable::run, false);
        boolean again = true;
        while (again) {
            again = false;
            for (Node n : m.graph().nodes()) {
                if (n.kind().composite()) {
                    assertThat(m.ungroup(n.name())).isEmpty();
                    again = true;
                    break;
                }
            }
        }
        return m.graph();
    }

    private List<Long> frames(int n, IntConsumer step) throws Exception {
        List<Long> stamps = new ArrayList<>();
        CompletableFuture<Void> done = new CompletableFuture<>();
        Platform.runLater(() -> new AnimationTimer() {
            int i;

            @Override
            public void handle(long now) {
                stamps.add(System.nanoTime());
                if (i == n) {
                    stop();
                    done.complete(null);
                    return;
                }
                step.accept(i++);
            }
        }.start());
        done.get(120, TimeUnit.SECONDS);
        List<Long> gaps = new ArrayList<>();
        for (int i = 2; i < stamps.size(); i++) { // skip the first gap (timer start)
            gaps.add(stamps.get(i) - stamps.get(i - 1));
        }
        return gaps;
    }

    private static String report(String what, List<Long> gaps) {
        List<Long> sorted = new ArrayList<>(gaps);
        sorted.sort(null);
        double mean = gaps.stream().mapToLong(Long::longValue).average().orElse(0) / 1e6;
        return String.format(
                Locale.ROOT,
                "%-34s frames %d  mean %.1f ms  median %.1f ms  p95 %.1f ms  max %.1f ms",
                what,
                gaps.size(),
                mean,
                sorted.get(sorted.size() / 2) / 1e6,
                sorted.get((int) (sorted.size() * 0.95)) / 1e6,
                sorted.get(sorted.size() - 1) / 1e6);
    }

    @Test
    void panZoomAndDragTheExpandedDenseNet() throws Exception {
        long t0 = System.nanoTime();
        Graph g = expandedDenseNet();
        long t1 = System.nanoTime();
        Map<String, Position> pos = AutoLayout.positions(g, SkinGeometry.NORMAL);
        long t2 = System.nanoTime();
        for (Node n : g.nodes()) {
            g = g.withReplaced(n.withPosition(pos.get(n.name())));
        }
        Graph laid = g;
        System.out.printf(
                Locale.ROOT,
                "expanded DenseNet-121: %d nodes, %d edges; ungroup %.0f ms, ELK layout %.0f ms%n",
                laid.size(),
                laid.edges().size(),
                (t1 - t0) / 1e6,
                (t2 - t1) / 1e6);
        EditorModel[] model = new EditorModel[1];
        GraphCanvas[] canvas = new GraphCanvas[1];
        long[] shown = new long[2];
        for (int round = 0; round < 2; round++) {
            WaitForAsyncUtils.asyncFx(() -> {
                        shown[0] = System.nanoTime();
                        model[0] = new EditorModel(new Document(laid), Platform::runLater, true);
                        long m0 = System.nanoTime();
                        canvas[0] = new GraphCanvas(model[0]);
                        System.out.printf(Locale.ROOT, "model %.0f ms; ", (m0 - shown[0]) / 1e6);
                        long a = System.nanoTime();
                        stage.setScene(new Scene(canvas[0], 1400, 900));
                        stage.show();
                        long b = System.nanoTime();
                        canvas[0].applyCss();
                        long cc = System.nanoTime();
                        canvas[0].layout();
                        shown[1] = System.nanoTime();
                        System.out.printf(
                                Locale.ROOT,
                                "construct %.0f ms, show %.0f ms, css %.0f ms, layout %.0f ms%n",
                                (a - shown[0]) / 1e6,
                                (b - a) / 1e6,
                                (cc - b) / 1e6,
                                (shown[1] - cc) / 1e6);
                    })
                    .get();
            WaitForAsyncUtils.waitForFxEvents();
        }
        System.out.printf(Locale.ROOT, "first show (skins + CSS + layout): %.0f ms%n", (shown[1] - shown[0]) / 1e6);
        GraphCanvas c = canvas[0];
        EditorModel m = model[0];

        WaitForAsyncUtils.asyncFx(c::fitToView).get();
        System.out.println(report(
                "idle (fit, zoom "
                        + String.format(Locale.ROOT, "%.2f", c.zoomProperty().get()) + ")",
                frames(60, i -> {})));
        System.out.println(report("pan (fit zoom)", frames(180, i -> c.panZoom().panBy(i % 60 < 30 ? 6 : -6, 2))));
        System.out.println(report(
                "zoom around cursor", frames(180, i -> c.panZoom().zoomAt(i % 90 < 45 ? 1.03 : 1 / 1.03, 700, 450))));
        WaitForAsyncUtils.asyncFx(() -> {
                    c.zoomReset();
                    c.centreOn("features_denseblock3_l12_concat");
                })
                .get();
        System.out.println(report(
                "pan (zoom 1, labels on)", frames(180, i -> c.panZoom().panBy(i % 60 < 30 ? 8 : -8, 3))));
        WaitForAsyncUtils.asyncFx(
                        () -> m.select(m.graph().names().subList(200, 210).toArray(String[]::new)))
                .get();
        System.out.println(report(
                "drag 10 selected nodes", frames(120, i -> m.moveSelection(i % 60 < 30 ? 4 : -4, 1))));
        WaitForAsyncUtils.asyncFx(() -> m.select(m.graph().names().toArray(String[]::new)))
                .get();
        System.out.println(report("drag all " + m.graph().size() + " nodes", frames(60, i -> m.moveSelection(4, 1))));
        m.endGesture();

        // parameter change → label updated (background analysis of the whole network, then one reconcile)
        String conv = m.graph().nodes().stream()
                .filter(n -> n.kind() == Primitive.CONV2D)
                .map(Node::name)
                .findFirst()
                .orElseThrow();
        NodeSkin skin = WaitForAsyncUtils.asyncFx(() -> c.view().skin(conv).orElseThrow())
                .get();
        long s0 = System.nanoTime();
        WaitForAsyncUtils.asyncFx(() -> m.setParam(conv, "filters", 48)).get();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> skin.shapeText().startsWith("48×"));
        System.out.printf(
                Locale.ROOT,
                "setParam(%s) → label '%s' after %.0f ms%n",
                conv,
                skin.shapeText(),
                (System.nanoTime() - s0) / 1e6);
        m.shutdown();
    }
}
