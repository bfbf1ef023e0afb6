package org.blockscope.app.canvas;

import javafx.scene.layout.Region;
import org.blockscope.app.diagram.SkinGeometry;
import org.blockscope.app.diagram.Stages;

/** A collapsed stage: one box over the place of its members, labelled "layer2 × 4" with its output shape. */
final class StageSkin extends Region {

    final Stages.Stage stage;
    private final SkinText title = new SkinText("stage-title");
    private final SkinText sub = new SkinText("stage-sub");
    private Detail detail = Detail.FULL;
    private double outlineFont = SkinGeometry.NAME_FONT;

    StageSkin(Stages.Stage stage, String kind, String shape) {
        this.stage = stage;
        getStyleClass().addAll("node-skin", "composite", "stage-skin");
        title.setFull(stage.label());
        sub.setFull(kind + " · " + shape);
        getChildren().addAll(title, sub);
    }

    void setDetail(Detail d, double outline) {
        detail = d;
        outlineFont = outline;
        sub.want(d != Detail.OUTLINE);
        requestLayout();
    }

    SkinText title() {
        return title;
    }

    java.util.List<SkinText> texts() {
        return java.util.List.of(title, sub);
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        double h = getHeight();
        switch (detail) {
            case FULL, NAME -> {
                title.font(SkinGeometry.NAME_FONT, true, false);
                sub.font(
                        detail == Detail.FULL ? SkinGeometry.TEXT_FONT : SkinGeometry.NAME_SHAPE_FONT,
                        false,
                        detail != Detail.FULL);
                title.placeCentred(4, h / 2 - 34, 34, w - 8);
                sub.placeCentred(4, h / 2 + 2, 30, w - 8);
            }
            case OUTLINE -> {
                title.font(outlineFont, true, false);
                title.placeCentred(2, 0, h, w - 4);
            }
        }
    }
}
