package org.blockscope.app.ui;

import javafx.animation.PauseTransition;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.util.Duration;
import org.blockscope.app.model.EditorModel;
import org.blockscope.app.model.InspectorModel;

/** The status bar: the network's totals and problems, a passing notice, the zoom. */
final class StatusBar extends HBox {

    private final Label notice = new Label();
    private final PauseTransition noticeTimer = new PauseTransition(Duration.seconds(6));

    StatusBar(EditorModel model, CanvasView canvas) {
        super(16);
        Label stats = new Label(InspectorModel.status(model.analysis()));
        stats.setId("status-stats");
        model.analysisProperty().addListener((o, a, n) -> stats.setText(InspectorModel.status(n)));
        Label zoom = new Label();
        zoom.setId("status-zoom");
        zoom.setMinWidth(Region.USE_PREF_SIZE);
        zoom.textProperty().bind(canvas.zoomProperty().multiply(100).asString("Zoom %.0f%%"));
        notice.setId("status-notice");
        notice.getStyleClass().add("notice");
        noticeTimer.setOnFinished(e -> notice.setText(""));
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        getChildren().addAll(stats, notice, gap, zoom);
        getStyleClass().add("status-bar");
    }

    /** Shows {@code text} for a few seconds. */
    void notice(String text) {
        notice.setText(text);
        noticeTimer.playFromStart();
    }
}
