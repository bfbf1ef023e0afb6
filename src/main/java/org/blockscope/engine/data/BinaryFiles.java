package org.blockscope.engine.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * A binary data file read incrementally, gunzipped when it starts with the gzip magic {@code 1f 8b}
 * (RFC 1952). Callers read a header first and check the sizes it declares (against the file's length
 * when it is not compressed) before reading or allocating the rest, so a small file that inflates to
 * gigabytes is refused from its header.
 */
final class BinaryFiles implements AutoCloseable {

    private final Path file;
    private final InputStream in;
    private final boolean gzip;
    private final long size;

    private BinaryFiles(Path file, InputStream in, boolean gzip, long size) {
        this.file = file;
        this.in = in;
        this.gzip = gzip;
        this.size = size;
    }

    static BinaryFiles open(Path file) throws DataException {
        if (!Files.isRegularFile(file)) {
            throw new DataException("file not found: " + file);
        }
        try {
            long size = Files.size(file);
            InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
            raw.mark(2);
            int b0 = raw.read();
            int b1 = raw.read();
            raw.reset();
            if (b0 == 0x1f && b1 == 0x8b) {
                return new BinaryFiles(
                        file, new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16), true, size);
            }
            return new BinaryFiles(file, raw, false, size);
        } catch (EOFException e) {
            throw new DataException(name(file) + ": truncated gzip file (it ends inside the gzip header)", e);
        } catch (IOException e) {
            throw new DataException(name(file) + ": cannot read (" + reason(e) + ")", e);
        }
    }

    String name() {
        return name(file);
    }

    Path file() {
        return file;
    }

    boolean gzip() {
        return gzip;
    }

    /** The length on disk (compressed when {@link #gzip()}). */
    long size() {
        return size;
    }

    /** Up to {@code n} bytes; fewer only at the end of the data. */
    byte[] read(int n) throws DataException {
        try {
            return in.readNBytes(n);
        } catch (EOFException e) {
            throw new DataException(name() + ": truncated gzip file (the compressed data ends too early)", e);
        } catch (IOException e) {
            throw new DataException(name() + (gzip ? ": damaged gzip file (" : ": cannot read (") + reason(e) + ")", e);
        }
    }

    /** Whether any data is left. */
    boolean hasMore() throws DataException {
        return read(1).length > 0;
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException ignored) {
            // read-only
        }
    }

    private static String name(Path file) {
        return file.getFileName() == null ? file.toString() : file.getFileName().toString();
    }

    private static String reason(IOException e) {
        return e.getMessage() == null ? "input/output error" : e.getMessage();
    }
}
