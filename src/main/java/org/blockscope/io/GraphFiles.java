package org.blockscope.io;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.security.SecureRandom;
import org.blockscope.graph.Graph;
import org.blockscope.io.ParamValues.Unwritable;

/**
 * Blockscope graph files ({@code *.bsg.json}): versioned JSON, written in a stable order so that
 * diffs are readable and write → read → write gives the same bytes.
 * <pre>
 * {"format": "blockscope-graph", "version": 1,
 *  "nodes": [{"name": "conv1", "kind": "conv2d", "params": {...}, "position": {"x": 240, "y": 0}}, ...],
 *  "edges": [{"from": "input", "to": "conv1", "port": 0}, ...]}
 * </pre>
 * A group node also has {@code "body": {"nodes": [...], "edges": [...], "output": "name"}}. On
 * reading, {@code params} and {@code position} may be left out (kind defaults, origin); any other
 * missing, unknown or ill-typed field is a {@link GraphFileException}.
 */
public final class GraphFiles {

    public static final String EXTENSION = ".bsg.json";
    static final String FORMAT = "blockscope-graph";
    static final int VERSION = 1;

    private static final SecureRandom RANDOM = new SecureRandom();

    private GraphFiles() {}

    /**
     * The file text of {@code graph}.
     *
     * @throws IllegalArgumentException if the graph holds a value the format cannot represent
     *                                  (a parameter its kind does not have, a wrongly typed value, NaN)
     */
    public static String toJson(Graph graph) {
        StringWriter out = new StringWriter();
        try {
            GraphWriter.write(graph, out);
        } catch (Unwritable e) {
            throw new IllegalArgumentException(e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }

    /**
     * Saves atomically: the text goes to a temporary file in the same folder, which is flushed to
     * disk and then moved over {@code file}. Whatever goes wrong, {@code file} is either the old
     * file or the complete new one, and no temporary file is left behind. The saved file keeps the
     * old file's POSIX permissions.
     */
    public static void write(Graph graph, Path file) throws GraphFileException {
        Path target = file.toAbsolutePath();
        String name = target.getFileName().toString();
        Path dir = target.getParent();
        Path temp = dir.resolve("." + name + "." + Long.toHexString(RANDOM.nextLong()) + ".tmp");
        boolean moved = false;
        try {
            try (FileChannel channel =
                    FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                keepPermissions(target, temp);
                Writer out =
                        new BufferedWriter(new java.io.OutputStreamWriter(Channels.newOutputStream(channel), UTF_8));
                GraphWriter.write(graph, out);
                out.flush();
                channel.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
            syncDirectory(dir);
        } catch (Unwritable e) {
            throw new GraphFileException(name, e.path(), 0, 0, e.problem());
        } catch (IOException e) {
            throw new GraphFileException(name, null, 0, 0, "cannot save to " + target + ": " + reason(e));
        } finally {
            if (!moved) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // nothing more we can do; the old file is untouched either way
                }
            }
        }
    }

    /** Reads a graph file; the exception message names the file, JSON path, line and column. */
    public static Graph read(Path file) throws GraphFileException {
        String name = file.getFileName() == null
                ? file.toString()
                : file.getFileName().toString();
        String text;
        try {
            text = Files.readString(file, UTF_8);
        } catch (CharacterCodingException e) {
            throw new GraphFileException(name, null, 0, 0, "expected UTF-8 text, got bytes that are not UTF-8");
        } catch (IOException e) {
            throw new GraphFileException(name, null, 0, 0, "cannot read " + file.toAbsolutePath() + ": " + reason(e));
        }
        return fromJson(text, name);
    }

    /** Reads graph text; {@code sourceName} (usually the file name) starts every error message. */
    public static Graph fromJson(String json, String sourceName) throws GraphFileException {
        return GraphReader.read(json, sourceName);
    }

    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() != null ? e.getMessage() : "input/output error";
    }

    private static void keepPermissions(Path from, Path to) {
        try {
            PosixFileAttributeView view = Files.getFileAttributeView(from, PosixFileAttributeView.class);
            if (view != null && Files.exists(from)) {
                Files.setPosixFilePermissions(to, view.readAttributes().permissions());
            }
        } catch (IOException | UnsupportedOperationException ignored) {
            // best effort: the new file gets the default permissions
        }
    }

    /** Makes the rename itself durable (POSIX); not possible on every platform, so best effort. */
    private static void syncDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // e.g. Windows cannot open a directory as a channel
        }
    }
}
