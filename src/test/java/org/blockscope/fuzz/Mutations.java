package org.blockscope.fuzz;

import java.util.Arrays;
import java.util.Random;

/** Random damage to a file's bytes: what a bad disk, a cut download or a careless edit does. */
final class Mutations {

    private Mutations() {}

    static byte[] mutate(byte[] original, Random r) {
        byte[] b = original.clone();
        int kind = r.nextInt(7);
        int at = b.length == 0 ? 0 : r.nextInt(b.length);
        return switch (kind) {
            case 0 -> { // flip bits of a few bytes
                for (int i = 0, n = 1 + r.nextInt(4); i < n && b.length > 0; i++) {
                    b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
                }
                yield b;
            }
            case 1 -> Arrays.copyOf(b, at); // truncated
            case 2 -> { // random bytes overwrite a span
                int len = Math.min(b.length - at, 1 + r.nextInt(16));
                for (int i = 0; i < len; i++) {
                    b[at + i] = (byte) r.nextInt(256);
                }
                yield b;
            }
            case 3 -> { // a span deleted
                int len = Math.min(b.length - at, 1 + r.nextInt(64));
                byte[] out = new byte[b.length - len];
                System.arraycopy(b, 0, out, 0, at);
                System.arraycopy(b, at + len, out, at, b.length - at - len);
                yield out;
            }
            case 4 -> { // a span duplicated
                int len = Math.min(b.length - at, 1 + r.nextInt(64));
                byte[] out = new byte[b.length + len];
                System.arraycopy(b, 0, out, 0, at + len);
                System.arraycopy(b, at, out, at + len, b.length - at);
                yield out;
            }
            case 5 -> { // random bytes inserted
                int len = 1 + r.nextInt(16);
                byte[] out = new byte[b.length + len];
                System.arraycopy(b, 0, out, 0, at);
                for (int i = 0; i < len; i++) {
                    out[at + i] = (byte) r.nextInt(256);
                }
                System.arraycopy(b, at, out, at + len, b.length - at);
                yield out;
            }
            default -> { // one byte set to an extreme
                if (b.length > 0) {
                    b[at] = (byte) (r.nextBoolean() ? 0xFF : 0x00);
                }
                yield b;
            }
        };
    }

    /** A JSON value of a random type, often an awkward one. */
    static String jsonValue(Random r) {
        return switch (r.nextInt(16)) {
            case 0 -> "null";
            case 1 -> "true";
            case 2 -> "-1";
            case 3 -> "0";
            case 4 -> "1e400";
            case 5 -> "2147483648";
            case 6 -> "-0.0";
            case 7 -> "\"\"";
            case 8 -> "\"\\ud800\"";
            case 9 -> "[]";
            case 10 -> "{}";
            case 11 -> "[1, 2, 3]";
            case 12 -> "\"BOGUS\"";
            case 13 -> "99999999999999999999999";
            case 14 -> "[\"a\", null]";
            default -> Integer.toString(r.nextInt(100));
        };
    }
}
