package org.blockscope.app;

import javafx.application.Application;
import javafx.stage.Stage;
import org.blockscope.app.model.AppHome;
import org.blockscope.app.ui.GraphCanvasView;
import org.blockscope.app.ui.MainWindow;

/** The desktop app: one editor window. Starts without touching the engine (ND4J). */
public final class BlockscopeApp extends Application {

    public static void start(String[] args) {
        Application.launch(BlockscopeApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        MainWindow window = new MainWindow(stage, AppHome.fromSystem(), GraphCanvasView::new);
        window.show();
        org.blockscope.engine.EngineWarmup.startInBackground();
        // a graph file given on the command line (double-click in a file manager) opens at once
        getParameters().getRaw().stream()
                .filter(a -> a.endsWith(org.blockscope.io.GraphFiles.EXTENSION))
                .findFirst()
                .ifPresent(f -> window.files().openFile(java.nio.file.Path.of(f)));
    }
}
