package org.blockscope.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** Reads and rewrites ZIP files entry by entry, to make damaged checkpoints (and ZIP bombs) for tests. */
public final class Zips {

    private Zips() {}

    /** All entries of a ZIP, in order. */
    public static Map<String, byte[]> entries(Path zip) throws IOException {
        Map<String, byte[]> m = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                m.put(e.getName(), in.readAllBytes());
            }
        }
        return m;
    }

    /** A ZIP of {@code entries} (null values are left out), deflated, in map order. */
    public static void write(Path zip, Map<String, byte[]> entries) throws IOException {
        try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                if (e.getValue() != null) {
                    out.putNextEntry(new ZipEntry(e.getKey()));
                    out.write(e.getValue());
                    out.closeEntry();
                }
            }
        }
    }

    /** An entry written as given: {@code data} is stored as is or is already a raw deflate stream. */
    public record Raw(String name, boolean deflated, byte[] data, long crc, long size) {

        public static Raw stored(String name, byte[] content) {
            CRC32 crc = new CRC32();
            crc.update(content);
            return new Raw(name, false, content, crc.getValue(), content.length);
        }
    }

    /**
     * Writes a ZIP by hand (no ZIP64: every size below 4 GB), so that an entry may be a deflate stream
     * made elsewhere, e.g. {@link #deflatedZeros}.
     */
    public static void writeRaw(Path zip, List<Raw> entries) throws IOException {
        ByteArrayOutputStream central = new ByteArrayOutputStream();
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(zip))) {
            long offset = 0;
            for (Raw e : entries) {
                byte[] name = e.name().getBytes(StandardCharsets.UTF_8);
                ByteBuffer local = le(30 + name.length);
                local.putInt(0x04034b50).putShort((short) 20).putShort((short) 0);
                local.putShort((short) (e.deflated() ? 8 : 0))
                        .putShort((short) 0)
                        .putShort((short) 0x21);
                local.putInt((int) e.crc()).putInt(e.data().length).putInt((int) e.size());
                local.putShort((short) name.length).putShort((short) 0).put(name);
                out.write(local.array());
                out.write(e.data());
                ByteBuffer cen = le(46 + name.length);
                cen.putInt(0x02014b50).putShort((short) 20).putShort((short) 20).putShort((short) 0);
                cen.putShort((short) (e.deflated() ? 8 : 0)).putShort((short) 0).putShort((short) 0x21);
                cen.putInt((int) e.crc()).putInt(e.data().length).putInt((int) e.size());
                cen.putShort((short) name.length).putShort((short) 0).putShort((short) 0);
                cen.putShort((short) 0)
                        .putShort((short) 0)
                        .putInt(0)
                        .putInt((int) offset)
                        .put(name);
                central.write(cen.array());
                offset += local.capacity() + e.data().length;
            }
            byte[] cd = central.toByteArray();
            out.write(cd);
            ByteBuffer end = le(22);
            end.putInt(0x06054b50).putShort((short) 0).putShort((short) 0);
            end.putShort((short) entries.size()).putShort((short) entries.size());
            end.putInt(cd.length).putInt((int) offset).putShort((short) 0);
            out.write(end.array());
        }
    }

    /** A ZIP entry of {@code megabytes} MB of zero bytes, deflated ({@link #deflateZeros}). */
    public static Raw deflatedZeros(String name, int megabytes) {
        long size = (long) megabytes << 20;
        CRC32 crc = new CRC32();
        byte[] mb = new byte[1 << 20];
        for (int i = 0; i < megabytes; i++) {
            crc.update(mb);
        }
        return new Raw(name, true, deflateZeros(size, true), crc.getValue(), size);
    }

    /**
     * A deflate stream of {@code bytes} zero bytes (raw, or with the zlib header and Adler-32 trailer
     * of RFC 1950 as PNG wants), made in well under a second even for gigabytes: after the first
     * megabyte, every further one compresses (with a sync flush) to the same bytes, which are repeated
     * instead of recomputed.
     */
    public static byte[] deflateZeros(long bytes, boolean raw) {
        byte[] mb = new byte[1 << 20];
        long whole = bytes >> 20;
        int rest = (int) (bytes & ((1 << 20) - 1));
        Deflater d = new Deflater(Deflater.BEST_COMPRESSION, true);
        List<byte[]> chunks = new ArrayList<>();
        for (int i = 0; i < Math.min(3, whole); i++) {
            chunks.add(deflate(d, mb, mb.length, Deflater.SYNC_FLUSH));
        }
        if (whole >= 3 && !java.util.Arrays.equals(chunks.get(1), chunks.get(2))) {
            throw new IllegalStateException("deflate output does not repeat");
        }
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        if (!raw) {
            all.write(0x78);
            all.write(0xDA);
        }
        for (long i = 0; i < whole; i++) {
            all.writeBytes(chunks.get((int) Math.min(i, 1)));
        }
        all.writeBytes(deflate(d, mb, rest, Deflater.SYNC_FLUSH));
        d.finish();
        all.writeBytes(deflate(d, mb, 0, Deflater.FULL_FLUSH));
        d.end();
        if (!raw) {
            java.util.zip.Adler32 adler = new java.util.zip.Adler32();
            for (long i = 0; i < whole; i++) {
                adler.update(mb);
            }
            adler.update(mb, 0, rest);
            long a = adler.getValue();
            all.write((int) (a >> 24) & 0xFF);
            all.write((int) (a >> 16) & 0xFF);
            all.write((int) (a >> 8) & 0xFF);
            all.write((int) a & 0xFF);
        }
        return all.toByteArray();
    }

    private static byte[] deflate(Deflater d, byte[] input, int length, int flush) {
        if (length > 0) {
            d.setInput(input, 0, length);
        }
        byte[] buf = new byte[1 << 16];
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        while (true) {
            int n = d.deflate(buf, 0, buf.length, flush);
            o.write(buf, 0, n);
            if (n < buf.length && (d.needsInput() || d.finished())) {
                return o.toByteArray();
            }
        }
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
