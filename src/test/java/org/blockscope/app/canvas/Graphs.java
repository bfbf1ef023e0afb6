package org.blockscope.app.canvas;

import static org.assertj.core.api.Assertions.assertThat;

import org.blockscope.app.model.EditorModel;
import org.blockscope.graph.Graph;

final class Graphs {

    private Graphs() {}

    static void assertUnchanged(EditorModel model, Runnable r) {
        Graph before = model.graph();
        r.run();
        assertThat(model.graph()).isSameAs(before);
    }
}
