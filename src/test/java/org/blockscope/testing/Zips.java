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

    /**
     * A raw deflate stream of {@code megabytes} MB of zero bytes, made in well under a second: after
     * the first megabyte, every further one compresses (with a sync flush) to the same bytes, which are
     * repeated instead of recomputed.
     */
    public static Raw deflatedZeros(String name, int megabytes) {
        byte[] mb = new byte[1 << 20];
        Deflater d = new Deflater(Deflater.BEST_COMPRESSION, true);
        byte[] buf = new byte[1 << 16];
        List<byte[]> chunks = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            d.setInput(mb);
            ByteArrayOutputStream o = new ByteArrayOutputStream();
            int n;
            while ((n = d.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH)) > 0) {
                o.write(buf, 0, n);
            }
            chunks.add(o.toByteArray());
        }
        if (!java.util.Arrays.equals(chunks.get(1), chunks.get(2))) {
            throw new IllegalStateException("deflate output does not repeat");
        }
        d.finish();
        ByteArrayOutputStream tail = new ByteArrayOutputStream();
        int n;
        while ((n = d.deflate(buf)) > 0) {
            tail.write(buf, 0, n);
        }
        d.end();
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(chunks.get(0));
        for (int i = 1; i < megabytes; i++) {
            all.writeBytes(chunks.get(1));
        }
        all.writeBytes(tail.toByteArray());
        CRC32 crc = new CRC32();
        for (int i = 0; i < megabytes; i++) {
            crc.update(mb);
        }
        return new Raw(name, true, all.toByteArray(), crc.getValue(), (long) megabytes << 20);
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
