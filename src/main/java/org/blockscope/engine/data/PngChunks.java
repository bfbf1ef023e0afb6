package org.blockscope.engine.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;

/**
 * Checks a PNG's chunk structure and every chunk's CRC-32 (PNG specification, section 5.3: the CRC
 * covers the chunk type and data), which Java's PNG reader does not: a file with a flipped byte would
 * otherwise be decoded into a wrong picture without a word. Streams the file; nothing is kept.
 */
final class PngChunks {

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    /** The PNG specification's upper bound for a chunk length (2^31 - 1). */
    private static final long MAX_CHUNK = Integer.MAX_VALUE;

    private PngChunks() {}

    /** @throws IOException worded for the skip list when the file is a PNG (by its signature) but not a sound one */
    static void check(Path file) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
                DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
            byte[] sig = in.readNBytes(8);
            if (!java.util.Arrays.equals(sig, SIGNATURE)) {
                return; // not a PNG whatever its name says: the decoders decide what it is
            }
            byte[] block = new byte[1 << 16];
            CRC32 crc = new CRC32();
            while (true) {
                long length = in.readInt() & 0xFFFFFFFFL;
                byte[] type = in.readNBytes(4);
                if (type.length < 4) {
                    throw new EOFException();
                }
                String name = new String(type, StandardCharsets.ISO_8859_1);
                if (length > MAX_CHUNK) {
                    throw new IOException("damaged PNG (chunk " + printable(name) + " claims " + length + " bytes)");
                }
                crc.reset();
                crc.update(type);
                for (long left = length; left > 0; ) {
                    int n = in.read(block, 0, (int) Math.min(block.length, left));
                    if (n < 0) {
                        throw new EOFException();
                    }
                    crc.update(block, 0, n);
                    left -= n;
                }
                long stored = in.readInt() & 0xFFFFFFFFL;
                if (stored != crc.getValue()) {
                    throw new IOException("damaged PNG (chunk " + printable(name) + " fails its CRC check)");
                }
                if (name.equals("IEND")) {
                    return;
                }
            }
        } catch (EOFException e) {
            throw new IOException("damaged PNG (the file ends before its IEND chunk: truncated?)", e);
        }
    }

    private static String printable(String type) {
        return type.chars().allMatch(c -> c >= 'A' && c <= 'z') ? type : "?";
    }
}
