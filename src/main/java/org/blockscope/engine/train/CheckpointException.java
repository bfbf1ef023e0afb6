package org.blockscope.engine.train;

import java.io.IOException;

/**
 * A checkpoint that cannot be read or used: the message is one line naming the file, the entry and
 * what was expected ({@code run.ckpt: manifest.json: dataType: expected FLOAT or DOUBLE, got "BOGUS"}),
 * fit to be shown to the user as is.
 */
public final class CheckpointException extends IOException {

    public CheckpointException(String message) {
        super(message);
    }

    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
