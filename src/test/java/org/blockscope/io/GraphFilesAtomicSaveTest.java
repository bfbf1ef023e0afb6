package org.blockscope.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.blockscope.graph.Edge;
import org.blockscope.graph.Graph;
import org.blockscope.graph.Node;
import org.blockscope.kind.Params;
import org.blockscope.primitive.Primitive;
import org.blockscope.templates.Templates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GraphFilesAtomicSaveTest {

    @TempDir
    Path dir;

    private static Graph small(double dropoutRate) {
        return Graph.of(
                List.of(
                        Node.of("input", Primitive.INPUT),
                        Node.of("conv", Primitive.CONV2D),
                        Node.of("drop", Primitive.DROPOUT, Params.of("rate", dropoutRate))),
                List.of(new Edge("input", "conv", 0), new Edge("conv", "drop", 0)));
    }

    private List<String> filesInDir() throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void savingOverAnExistingFileReplacesItAndLeavesNoTemporaryFile() throws Exception {
        Path file = dir.resolve("net" + GraphFiles.EXTENSION);
        GraphFiles.write(Templates.graph("lenet5"), file);

        GraphFiles.write(small(0.25), file);

        assertThat(GraphFiles.read(file)).isEqualTo(small(0.25));
        assertThat(filesInDir()).containsExactly("net.bsg.json");
    }

    @Test
    void graphThatFailsHalfwayThroughLeavesTheOldFileIntact() throws Exception {
        Path file = dir.resolve("net.bsg.json");
        GraphFiles.write(small(0.25), file);
        byte[] before = Files.readAllBytes(file);

        // NaN cannot be written as JSON; the writer finds it after two nodes are already in the temp file
        GraphFileException e =
                catchThrowableOfType(() -> GraphFiles.write(small(Double.NaN), file), GraphFileException.class);

        assertThat(e.getMessage())
                .isEqualTo("net.bsg.json: $.nodes[2].params.rate: cannot be saved: expected a number, got NaN");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(filesInDir()).containsExactly("net.bsg.json");
    }

    @Test
    void parameterTheKindDoesNotHaveIsNotSaved() throws Exception {
        Path file = dir.resolve("net.bsg.json");
        Graph graph = Graph.of(List.of(Node.of("conv", Primitive.CONV2D, Params.of("filtres", 8))), List.of());

        assertThatThrownBy(() -> GraphFiles.write(graph, file))
                .isInstanceOf(GraphFileException.class)
                .hasMessage(
                        "net.bsg.json: $.nodes[0].params.filtres: cannot be saved: conv2d has no parameter \"filtres\"");
        assertThatThrownBy(() -> GraphFiles.toJson(graph))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("$.nodes[0].params.filtres: cannot be saved: conv2d has no parameter \"filtres\"");
        assertThat(filesInDir()).isEmpty();
    }

    @Test
    void folderThatDoesNotExistIsReportedWithThePath() throws Exception {
        Path file = dir.resolve("missing/net.bsg.json");

        GraphFileException e = catchThrowableOfType(() -> GraphFiles.write(small(0.5), file), GraphFileException.class);

        assertThat(e.getMessage())
                .isEqualTo("net.bsg.json: cannot save to " + file.toAbsolutePath() + ": no such file or folder");
        assertThat(filesInDir()).isEmpty();
    }

    @Test
    void readOnlyFolderLeavesTheOldFileIntact() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path file = dir.resolve("net.bsg.json");
        GraphFiles.write(small(0.25), file);
        byte[] before = Files.readAllBytes(file);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeFalse(Files.isWritable(dir), "running as root: permissions are not enforced");

            GraphFileException e =
                    catchThrowableOfType(() -> GraphFiles.write(small(0.75), file), GraphFileException.class);

            assertThat(e.getMessage())
                    .isEqualTo("net.bsg.json: cannot save to " + file.toAbsolutePath() + ": permission denied");
            assertThat(Files.readAllBytes(file)).isEqualTo(before);
            assertThat(filesInDir()).containsExactly("net.bsg.json");
        } finally {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void savingKeepsTheOldFilesPermissions() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path file = dir.resolve("net.bsg.json");
        GraphFiles.write(small(0.25), file);
        Set<PosixFilePermission> privateToOwner = PosixFilePermissions.fromString("rw-------");
        Files.setPosixFilePermissions(file, privateToOwner);

        GraphFiles.write(small(0.5), file);

        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(privateToOwner);
    }
}
