package org.blockscope.io;

import java.util.Optional;

/**
 * A graph file that cannot be read or written. The message is meant for the user's error dialog:
 * it names the file, the JSON path (e.g. {@code $.nodes[3].params.filters}) and, when known, the
 * line and column, then says what was expected and what was found:
 * <pre>resnet.bsg.json, line 12, column 20: $.nodes[3].params.filters: expected a whole number, got "abc"</pre>
 *
 * <p>Checked on purpose: a file is outside the program's control, so every caller must decide what
 * the user sees, and the document that was open stays open and unchanged.
 */
public final class GraphFileException extends Exception {

    private final String file;
    private final String jsonPath;
    private final int line;
    private final int column;
    private final String problem;

    /**
     * @param jsonPath where in the document, or {@code null} when the problem is the file itself
     * @param line     1-based, or 0 when unknown (then {@code column} is ignored)
     */
    GraphFileException(String file, String jsonPath, int line, int column, String problem) {
        super(format(file, jsonPath, line, column, problem));
        this.file = file;
        this.jsonPath = jsonPath;
        this.line = line;
        this.column = column;
        this.problem = problem;
    }

    private static String format(String file, String jsonPath, int line, int column, String problem) {
        StringBuilder sb = new StringBuilder(file);
        if (line > 0) {
            sb.append(", line ").append(line).append(", column ").append(column);
        }
        sb.append(": ");
        if (jsonPath != null) {
            sb.append(LocatedJson.shortPath(jsonPath)).append(": ");
        }
        return sb.append(problem).toString();
    }

    /** The file name (or the source name given to {@link GraphFiles#fromJson}). */
    public String file() {
        return file;
    }

    public Optional<String> jsonPath() {
        return Optional.ofNullable(jsonPath);
    }

    /** 1-based line, or 0 when unknown. */
    public int line() {
        return line;
    }

    /** 1-based column, or 0 when unknown. */
    public int column() {
        return line > 0 ? column : 0;
    }

    /** What went wrong, without the file and position. */
    public String problem() {
        return problem;
    }
}
