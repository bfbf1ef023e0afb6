package org.blockscope.engine.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Reads a whole file, gunzipping it when it starts with the gzip magic {@code 1f 8b} (RFC 1952). */
final class BinaryFiles {

    private BinaryFiles() {}

    static byte[] read(Path file) throws DataException {
        if (!Files.isRegularFile(file)) {
            throw new DataException("file not found: " + file);
        }
        try {
            byte[] head;
            try (InputStream in = Files.newInputStream(file)) {
                head = in.readNBytes(2);
            }
            if (head.length == 2 && (head[0] & 0xFF) == 0x1f && (head[1] & 0xFF) == 0x8b) {
                try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16)) {
                    return in.readAllBytes();
                }
            }
            return Files.readAllBytes(file);
        } catch (java.io.EOFException e) {
            throw new DataException(file.getFileName() + ": truncated gzip file (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new DataException(file.getFileName() + ": cannot read (" + e.getMessage() + ")", e);
        }
    }
}
