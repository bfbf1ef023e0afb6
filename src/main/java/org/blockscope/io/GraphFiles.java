package org.blockscope.io;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
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

    /**
     * The largest graph file read: a 60,000-node network takes about 15 MB, so this leaves room and
     * still refuses {@code /dev/zero} or a wrong multi-gigabyte file before it fills the memory.
     */
    public static final int MAX_BYTES = 256 << 20;

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
        try {
            AtomicFiles.replace(target, out -> {
                Writer text = new BufferedWriter(new OutputStreamWriter(out, UTF_8));
                GraphWriter.write(graph, text);
                text.flush();
            });
        } catch (Unwritable e) {
            throw new GraphFileException(name, e.path(), 0, 0, e.problem());
        } catch (IOException e) {
            throw new GraphFileException(name, null, 0, 0, "cannot save to " + target + ": " + reason(e));
        }
    }

    /** Reads a graph file; the exception message names the file, JSON path, line and column. */
    public static Graph read(Path file) throws GraphFileException {
        String name = file.getFileName() == null
                ? file.toString()
                : file.getFileName().toString();
        byte[] bytes = readBounded(file, name);
        String text;
        try {
            text = UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new GraphFileException(name, null, 0, 0, "expected UTF-8 text, got bytes that are not UTF-8");
        }
        return fromJson(text, name);
    }

    /**
     * The file's bytes, read block by block: binary data (a zero byte, which JSON text never holds)
     * stops at its first block and a file beyond {@link #MAX_BYTES} at the limit, so neither
     * {@code /dev/zero} nor a wrong multi-gigabyte file is read whole.
     */
    private static byte[] readBounded(Path file, String name) throws GraphFileException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] block = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.readNBytes(block, 0, block.length)) > 0; ) {
                for (int i = 0; i < n; i++) {
                    if (block[i] == 0) {
                        throw new GraphFileException(
                                name,
                                null,
                                0,
                                0,
                                "expected JSON text, got binary data (a zero byte at offset " + (all.size() + i) + ")");
                    }
                }
                if (all.size() + n > MAX_BYTES) {
                    throw new GraphFileException(
                            name,
                            null,
                            0,
                            0,
                            "larger than " + (MAX_BYTES >> 20)
                                    + " MB, the limit for a graph file (is it a graph file?)");
                }
                all.write(block, 0, n);
            }
        } catch (IOException e) {
            throw new GraphFileException(name, null, 0, 0, "cannot read " + file.toAbsolutePath() + ": " + reason(e));
        }
        return all.toByteArray();
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
}
