package org.blockscope.app.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.blockscope.edit.Document;
import org.blockscope.graph.Graph;
import org.blockscope.graph.Position;
import org.blockscope.io.GraphFiles;
import org.blockscope.primitive.Primitive;
import org.blockscope.templates.Templates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files, title, recent list and crash recovery, without JavaFX controls. */
class FileSessionTest {

    @TempDir
    Path tmp;

    private Document doc = new Document(Templates.graph("lenet5"));
    private EditorModel model = new EditorModel(doc, Runnable::run, false);

    private FileSession session(Document d) {
        return new FileSession(d, new AppHome(tmp.resolve("home")), Runnable::run);
    }

    @Test
    void titleShowsTheFileNameAndAStarWhenDirty() throws Exception {
        FileSession s = session(doc);
        assertThat(s.titleProperty().get()).isEqualTo("Untitled — Blockscope");
        model.addNode(Primitive.DROPOUT, new Position(0, 0));
        assertThat(s.titleProperty().get()).isEqualTo("Untitled * — Blockscope");
        assertThat(s.save(tmp.resolve("lenet"))).isEmpty();
        assertThat(s.titleProperty().get()).isEqualTo("lenet.bsg.json — Blockscope");
        assertThat(s.dirtyProperty().get()).isFalse();
    }

    @Test
    void saveThenOpenGivesTheSameGraphAndRemembersRecentFiles() {
        FileSession s = session(doc);
        Path file = tmp.resolve("net" + GraphFiles.EXTENSION);
        assertThat(s.save(file)).isEmpty();
        Graph saved = doc.graph();
        s.newDocument(Graph.EMPTY);
        assertThat(s.open(file)).isEmpty();
        assertThat(doc.graph()).isEqualTo(saved);
        assertThat(doc.isDirty()).isFalse();
        assertThat(s.recent()).containsExactly(file.toAbsolutePath());
        assertThat(new AppHome(tmp.resolve("home")).recent()).containsExactly(file.toAbsolutePath());
    }

    @Test
    void aBrokenFileReportsWhereAndLeavesTheDocumentUntouched() throws Exception {
        FileSession s = session(doc);
        model.addNode(Primitive.DROPOUT, new Position(0, 0));
        Graph before = doc.graph();
        Path bad = tmp.resolve("bad" + GraphFiles.EXTENSION);
        Files.writeString(
                bad,
                "{\"format\": \"blockscope-graph\", \"version\": 1, \"nodes\": [{\"name\": \"a\"}], \"edges\": []}");
        assertThat(s.open(bad))
                .hasValueSatisfying(
                        m -> assertThat(m).startsWith("bad.bsg.json").contains("$.nodes[0]"));
        assertThat(doc.graph()).isSameAs(before);
        assertThat(doc.isDirty()).isTrue();
        assertThat(doc.canUndo()).isTrue();
    }

    @Test
    void autosaveKeepsACopyOnlyWhileDirtyAndTheNextStartOffersIt() throws Exception {
        FileSession s = session(doc);
        s.start();
        s.autosave();
        assertThat(s.recovery().file()).doesNotExist();
        model.addNode(Primitive.DROPOUT, new Position(0, 0));
        s.autosave();
        assertThat(s.recovery().file()).exists();
        assertThat(GraphFiles.read(s.recovery().file())).isEqualTo(doc.graph());

        // another window of a later run sees the copy only once this session is gone
        Document other = new Document(Graph.EMPTY);
        FileSession next = session(other);
        next.start();
        assertThat(next.leftBehind()).isEmpty(); // still locked by the running session
        Graph unsaved = doc.graph();
        simulateCrash(s);
        assertThat(next.leftBehind()).hasSize(1);
        assertThat(next.restore(next.leftBehind().get(0))).isEmpty();
        assertThat(other.graph()).isEqualTo(unsaved);
        assertThat(other.isDirty()).isTrue();
        assertThat(next.leftBehind()).isEmpty();
    }

    @Test
    void aCleanSaveRemovesTheCopy() {
        FileSession s = session(doc);
        s.start();
        model.addNode(Primitive.DROPOUT, new Position(0, 0));
        s.autosave();
        assertThat(s.recovery().file()).exists();
        s.save(tmp.resolve("x.bsg.json"));
        assertThat(s.recovery().file()).doesNotExist();
        s.stop();
    }

    /** Releases the lock without deleting the copy, as a killed process would. */
    private static void simulateCrash(FileSession s) throws Exception {
        var f = Recovery.class.getDeclaredField("lock");
        f.setAccessible(true);
        ((java.nio.channels.FileLock) f.get(s.recovery())).release();
    }

    @Test
    void extensionIsAddedWhenMissing() {
        assertThat(FileSession.withExtension(Path.of("a")).toString()).isEqualTo("a.bsg.json");
        assertThat(FileSession.withExtension(Path.of("a.json")).toString()).isEqualTo("a.bsg.json");
        assertThat(FileSession.withExtension(Path.of("a.bsg.json")).toString()).isEqualTo("a.bsg.json");
    }
}
