package org.blockscope.engine.train;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * A checkpoint ZIP opened for reading: only entries asked for by name are read, each through a
 * bounded stream, so an unused or oversized entry (a "ZIP bomb") costs nothing. Every problem is a
 * {@link CheckpointException} naming the file and the entry.
 */
final class CheckpointZip implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(
                    StreamReadConstraints.builder().maxNestingDepth(64).build())
            .build());

    private final Path file;
    private final ZipFile zip;

    private CheckpointZip(Path file, ZipFile zip) {
        this.file = file;
        this.zip = zip;
    }

    static CheckpointZip open(Path file) throws CheckpointException {
        try {
            return new CheckpointZip(file, new ZipFile(file.toFile()));
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw new CheckpointException(file + ": no such file");
        } catch (AccessDeniedException e) {
            throw new CheckpointException(file + ": permission denied");
        } catch (ZipException | RuntimeException e) { // the JDK reports some malformed directories unchecked
            throw new CheckpointException(file
                    + ": not a readable checkpoint (a checkpoint is a ZIP file; this one is incomplete, truncated"
                    + " or of another kind)");
        } catch (IOException e) {
            throw new CheckpointException(file + ": cannot read (" + reason(e) + ")");
        }
    }

    Path file() {
        return file;
    }

    /** The whole entry, refused beyond {@code maxBytes}; empty if there is no such entry. */
    Optional<byte[]> read(String name, long maxBytes) throws CheckpointException {
        ZipEntry e = zip.getEntry(name);
        if (e == null || e.isDirectory()) {
            return Optional.empty();
        }
        if (e.getSize() > maxBytes) {
            throw tooLarge(name, e.getSize(), maxBytes);
        }
        try (InputStream in = zip.getInputStream(e)) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (bytes.length > maxBytes) {
                throw tooLarge(name, -1, maxBytes);
            }
            CRC32 crc = new CRC32();
            crc.update(bytes);
            if (e.getCrc() != -1 && crc.getValue() != e.getCrc()) {
                throw damaged(name); // ZipFile itself does not check
            }
            return Optional.of(bytes);
        } catch (CheckpointException ex) {
            throw ex;
        } catch (ZipException ex) {
            throw damaged(name);
        } catch (java.io.EOFException ex) {
            throw new CheckpointException(file + ": " + name + ": ends too early (is the file truncated?)");
        } catch (IOException ex) {
            throw new CheckpointException(file + ": " + name + ": cannot be read (" + reason(ex) + ")");
        } catch (RuntimeException ex) {
            throw damaged(name);
        }
    }

    /** The entry, which must exist. */
    byte[] require(String name, long maxBytes, String whatItHolds) throws CheckpointException {
        return read(name, maxBytes)
                .orElseThrow(() ->
                        new CheckpointException(file + ": " + name + " is missing (expected " + whatItHolds + ")"));
    }

    /** A required JSON entry, parsed; syntax errors name the line and column. */
    JsonNode json(String name, long maxBytes, String whatItHolds) throws CheckpointException {
        return parse(name, require(name, maxBytes, whatItHolds));
    }

    /** JSON text of entry {@code name}; syntax errors name the line and column. */
    JsonNode parse(String name, byte[] bytes) throws CheckpointException {
        try {
            JsonNode n = JSON.readTree(bytes);
            if (n == null || n.isMissingNode()) {
                throw new CheckpointException(file + ": " + name + ": empty (expected a JSON object)");
            }
            if (!n.isObject()) {
                throw new CheckpointException(file + ": " + name + ": expected a JSON object");
            }
            return n;
        } catch (CheckpointException e) {
            throw e;
        } catch (JsonParseException e) {
            var at = e.getLocation();
            throw new CheckpointException(file + ": " + name + ": not valid JSON (line " + at.getLineNr() + ", column "
                    + at.getColumnNr() + ")");
        } catch (JsonProcessingException e) {
            throw new CheckpointException(file + ": " + name + ": not valid JSON (too deeply nested or too long)");
        } catch (IOException e) {
            throw new CheckpointException(file + ": " + name + ": not valid JSON");
        }
    }

    CheckpointException damaged(String name) {
        return new CheckpointException(
                file + ": " + name + ": damaged (its ZIP data does not check out; the file was changed or cut)");
    }

    private CheckpointException tooLarge(String name, long size, long maxBytes) {
        return new CheckpointException(file + ": " + name + ": "
                + (size >= 0 ? size + " bytes, " : "") + "larger than the " + maxBytes
                + " bytes expected");
    }

    private static String reason(IOException e) {
        return e.getMessage() == null ? "input/output error" : e.getMessage();
    }

    @Override
    public void close() {
        try {
            zip.close();
        } catch (IOException ignored) {
            // read-only: nothing was left half-done
        }
    }
}
