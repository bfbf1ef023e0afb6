package org.blockscope.app.canvas;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import javafx.geometry.Point2D;
import javafx.scene.Group;
import org.blockscope.app.diagram.Box;
import org.blockscope.app.diagram.Stages;
import org.blockscope.graph.Graph;
import org.blockscope.graph.Node;

/**
 * The repeated stages of a graph and which are collapsed (by hand, or all of them at the outline
 * level): a collapsed stage is one box over its members' place, and it stands for them.
 */
final class StageLayer extends Group {

    private final Map<String, StageSkin> skins = new LinkedHashMap<>();
    private final Set<String> byHand = new HashSet<>();
    private List<Stages.Stage> stages = List.of();
    private Set<String> collapsed = Set.of();
    private final Map<String, Stages.Stage> stageOf = new HashMap<>();
    private final Map<String, String> shownAs = new HashMap<>();
    private boolean auto;

    /** New structure: the stages are found again; hand choices for stages that are gone are dropped. */
    void setStages(Graph g) {
        stages = Stages.of(g);
        byHand.retainAll(stages.stream().map(Stages.Stage::id).toList());
        stageOf.clear();
        for (Stages.Stage s : stages) {
            for (String m : s.members()) {
                stageOf.putIfAbsent(m, s);
            }
        }
    }

    List<Stages.Stage> stages() {
        return stages;
    }

    Optional<Stages.Stage> stageOf(String node) {
        return Optional.ofNullable(stageOf.get(node));
    }

    boolean isCollapsed(Stages.Stage s) {
        return collapsed.contains(s.id());
    }

    /** Returns whether anything changed. */
    boolean setByHand(Stages.Stage s, boolean on) {
        return on ? byHand.add(s.id()) : byHand.remove(s.id());
    }

    /** Returns whether anything changed. */
    boolean setAuto(boolean on) {
        boolean changed = on != auto;
        auto = on;
        return changed;
    }

    boolean any() {
        return !collapsed.isEmpty();
    }

    /**
     * Makes one skin per collapsed stage over {@code box} of its members; returns the members that
     * are hidden behind them.
     */
    Set<String> rebuild(Graph g, Function<String, Box> box, Annotations a, Detail detail, double outlineFont) {
        Set<String> want = new HashSet<>(byHand);
        if (auto) {
            stages.forEach(s -> want.add(s.id()));
        }
        collapsed = want;
        skins.clear();
        getChildren().clear();
        shownAs.clear();
        Set<String> hidden = new HashSet<>();
        for (Stages.Stage s : stages) {
            if (!collapsed.contains(s.id())) {
                continue;
            }
            hidden.addAll(s.members());
            s.members().forEach(m -> shownAs.putIfAbsent(m, s.id()));
            Node last = g.node(s.last());
            StageSkin sk = new StageSkin(
                    s,
                    last.kind().displayName(),
                    a.node(last.name()).map(st -> st.output().toString()).orElse("?"));
            sk.setDetail(detail, outlineFont);
            skins.put(s.id(), sk);
            getChildren().add(sk);
        }
        place(box);
        return hidden;
    }

    /** Puts every stage box over its members again (a member moved). */
    void place(Function<String, Box> box) {
        for (StageSkin sk : skins.values()) {
            Box b = union(sk.stage, box);
            sk.resizeRelocate(b.x(), b.y(), b.width(), b.height());
        }
    }

    void setDetail(Detail d, double outline) {
        skins.values().forEach(s -> s.setDetail(d, outline));
    }

    static Box union(Stages.Stage s, Function<String, Box> box) {
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (String m : s.members()) {
            Box b = box.apply(m);
            minX = Math.min(minX, b.x());
            minY = Math.min(minY, b.y());
            maxX = Math.max(maxX, b.maxX());
            maxY = Math.max(maxY, b.maxY());
        }
        return new Box(minX, minY, maxX - minX, maxY - minY);
    }

    Collection<StageSkin> skins() {
        return skins.values();
    }

    /** The name of the box that shows {@code node}: its collapsed stage's id, or itself. */
    String shownAs(String node) {
        return shownAs.getOrDefault(node, node);
    }

    Optional<StageSkin> at(Point2D p) {
        return skins.values().stream()
                .filter(s -> s.getBoundsInParent().contains(p))
                .findFirst();
    }
}
