package org.blockscope.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.blockscope.engine.compile.Model;
import org.blockscope.engine.run.RunMetadata;
import org.blockscope.engine.train.CheckpointException;
import org.blockscope.engine.train.Checkpoints;

/** A trained network read back from a checkpoint written by {@code blockscope train --save}. */
record CheckpointSource(Model model, RunMetadata metadata) {

    static CheckpointSource load(Path file) throws GraphSource.Failure {
        if (!Files.isRegularFile(file)) {
            throw new GraphSource.Failure("checkpoint not found: " + file);
        }
        try {
            Model model = Checkpoints.load(file).toModel();
            return new CheckpointSource(model, RunMetadata.readFor(file, model));
        } catch (CheckpointException e) {
            throw new GraphSource.Failure(e.getMessage());
        }
    }
}
