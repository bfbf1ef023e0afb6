package org.blockscope.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Checks of option values made before any work starts, one message per option naming it and quoting
 * the value ({@code --val-split: expected a fraction from 0 up to (not including) 1, got NaN}).
 * Each returns normally or throws {@link GraphSource.Failure}, which the commands print and exit 2 on.
 */
final class Args {

    private Args() {}

    static void atLeastOne(String option, long value) throws GraphSource.Failure {
        if (value < 1) {
            throw new GraphSource.Failure(option + ": expected a whole number of at least 1, got " + value);
        }
    }

    static void positive(String option, double value) throws GraphSource.Failure {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new GraphSource.Failure(option + ": expected a number greater than 0, got " + text(value));
        }
    }

    static void nonNegative(String option, double value) throws GraphSource.Failure {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new GraphSource.Failure(option + ": expected a number of at least 0, got " + text(value));
        }
    }

    static void fraction(String option, double value) throws GraphSource.Failure {
        if (!(value >= 0 && value < 1)) {
            throw new GraphSource.Failure(
                    option + ": expected a fraction from 0 up to (not including) 1, got " + text(value));
        }
    }

    /**
     * A file the command will write at the end: its folder must exist and take new files now, so a
     * long run does not end in "cannot save". Writes and deletes a small probe file.
     */
    static void writableFile(String option, Path file) throws GraphSource.Failure {
        Path abs = file.toAbsolutePath();
        if (Files.isDirectory(abs)) {
            throw new GraphSource.Failure(option + ": " + file + " is a folder; expected a file name");
        }
        Path dir = abs.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new GraphSource.Failure(
                    option + ": cannot save " + file + ": the folder " + (dir == null ? abs : dir) + " does not exist");
        }
        probe(option, file, dir);
    }

    /** A folder the command will write into: created now if missing; a file in the way is refused. */
    static void writableFolder(String option, Path dir) throws GraphSource.Failure {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new GraphSource.Failure(
                    option + ": " + dir + " is a file; expected a folder (it is created if missing)");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new GraphSource.Failure(option + ": cannot create the folder " + dir + ": " + reason(e));
        }
        probe(option, dir, dir);
    }

    private static void probe(String option, Path target, Path dir) throws GraphSource.Failure {
        try {
            Path probe = Files.createTempFile(dir, ".blockscope-write-test", ".tmp");
            Files.delete(probe);
        } catch (IOException e) {
            throw new GraphSource.Failure(option + ": cannot write " + target + ": the folder " + dir
                    + " does not take new files (" + reason(e) + ")");
        }
    }

    /** An I/O problem in words, without Java's exception names. */
    static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException) {
            return "a file of that name is in the way";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason().toLowerCase(Locale.ROOT);
        }
        return e.getMessage() != null ? e.getMessage() : "input/output error";
    }

    private static String text(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
