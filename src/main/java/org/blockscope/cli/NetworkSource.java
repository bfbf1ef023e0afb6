package org.blockscope.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.blockscope.engine.compile.CompileException;
import org.blockscope.export.TrainedNetwork;
import org.blockscope.io.GraphFileException;
import org.blockscope.io.GraphFiles;
import org.blockscope.templates.Template;
import org.blockscope.templates.Templates;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The {@code (FILE | --template NAME | CKPT)} part of {@code export}: a graph file or a template
 * exports with its initial weights, a checkpoint with its trained ones.
 */
final class NetworkSource {

    static final class Which {
        @Parameters(
                index = "0",
                paramLabel = "FILE|CKPT",
                description = "a graph file (*.bsg.json) or a checkpoint saved by 'blockscope train --save'")
        Path file;

        @Option(
                names = "--template",
                paramLabel = "NAME",
                description = "a built-in template (see 'blockscope templates')")
        String template;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Which which;

    /** A network whose graph has errors: the caller lists them. */
    static final class Invalid extends Exception {
        final transient CompileException problems;

        Invalid(CompileException problems) {
            super(problems.getMessage(), null, false, false);
            this.problems = problems;
        }
    }

    TrainedNetwork load() throws GraphSource.Failure, Invalid {
        try {
            if (which.template != null) {
                Template t = Templates.byId(which.template)
                        .orElseThrow(() -> new GraphSource.Failure("no template named '" + which.template
                                + "'; available: "
                                + String.join(
                                        ", ",
                                        Templates.all().stream()
                                                .map(Template::id)
                                                .toList())));
                return TrainedNetwork.untrained(t.graph());
            }
            if (isCheckpoint(which.file)) {
                return checkpoint(which.file);
            }
            return TrainedNetwork.untrained(GraphFiles.read(which.file));
        } catch (GraphFileException e) {
            throw new GraphSource.Failure(e.getMessage());
        } catch (CompileException e) {
            throw new Invalid(e);
        }
    }

    /** What the network came from, for messages and the exported files. */
    String describe() {
        return which.template != null
                ? "template " + which.template
                : which.file.getFileName().toString();
    }

    /** A trained network read back from a checkpoint. */
    static TrainedNetwork checkpoint(Path file) throws GraphSource.Failure {
        if (!Files.isRegularFile(file)) {
            throw new GraphSource.Failure("checkpoint not found: " + file);
        }
        try {
            return TrainedNetwork.fromCheckpoint(file);
        } catch (IOException | RuntimeException e) {
            throw new GraphSource.Failure(file + ": cannot read the checkpoint: " + e.getMessage());
        }
    }

    /** A checkpoint is a ZIP file (it starts with "PK"); a graph file is JSON. */
    private static boolean isCheckpoint(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 'P' && in.read() == 'K';
        } catch (IOException e) {
            return false; // GraphFiles.read reports the file
        }
    }
}
