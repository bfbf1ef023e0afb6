package org.blockscope.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import org.junit.jupiter.api.Test;

/** The test helper's deflate streams inflate to exactly the zeros they claim. */
class ZipsTest {

    private static long inflatedLength(byte[] stream, boolean raw) throws Exception {
        long n = 0;
        byte[] buf = new byte[1 << 16];
        try (InputStream in = new InflaterInputStream(new ByteArrayInputStream(stream), new Inflater(raw))) {
            for (int r; (r = in.read(buf)) > 0; ) {
                for (int i = 0; i < r; i++) {
                    if (buf[i] != 0) {
                        throw new AssertionError("byte " + (n + i) + " is " + buf[i]);
                    }
                }
                n += r;
            }
        }
        return n;
    }

    @Test
    void deflatedZerosInflateToTheirLength() throws Exception {
        for (long size : new long[] {0, 1000, 1 << 20, (3L << 20) + 17, 50_000_123L}) {
            assertThat(inflatedLength(Zips.deflateZeros(size, true), true)).isEqualTo(size);
            assertThat(inflatedLength(Zips.deflateZeros(size, false), false)).isEqualTo(size);
        }
        assertThat(Zips.deflateZeros(3L << 30, true).length).isLessThan(8 << 20);
    }
}
