package org.blockscope.engine.data;

/**
 * A data set that cannot be used as asked: a missing folder, a file of the wrong format, a
 * truncated file, a target shape images cannot be converted to. The message names the folder or
 * file and says what was expected, so it can be shown to the user as is.
 */
public class DataException extends Exception {

    public DataException(String message) {
        super(message);
    }

    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}
