package org.blockscope.io;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;

/**
 * Passes JSON text through, writing every lone UTF-16 surrogate as a {@code \}{@code uXXXX} escape.
 * A string read from JSON may hold one ({@code "\}{@code ud800"} is valid JSON), but UTF-8 cannot
 * encode it: an encoder would write {@code ?} and the name would change on the next read. In JSON
 * output, characters outside strings are ASCII, so any surrogate seen here is inside a string, where
 * the escape means the same character (RFC 8259, section 7). Surrogate pairs pass through unchanged.
 */
final class LoneSurrogateEscaper extends FilterWriter {

    /** A high surrogate waiting for the next character, or 0. */
    private char pendingHigh;

    LoneSurrogateEscaper(Writer out) {
        super(out);
    }

    @Override
    public void write(int c) throws IOException {
        char ch = (char) c;
        if (pendingHigh != 0) {
            char high = pendingHigh;
            pendingHigh = 0;
            if (Character.isLowSurrogate(ch)) {
                out.write(high);
                out.write(ch);
                return;
            }
            escape(high);
        }
        if (Character.isHighSurrogate(ch)) {
            pendingHigh = ch;
        } else if (Character.isLowSurrogate(ch)) {
            escape(ch);
        } else {
            out.write(ch);
        }
    }

    @Override
    public void write(char[] buf, int off, int len) throws IOException {
        int start = off;
        int end = off + len;
        for (int i = off; i < end; i++) {
            if (Character.isSurrogate(buf[i]) || pendingHigh != 0) {
                out.write(buf, start, i - start);
                write(buf[i]);
                start = i + 1;
            }
        }
        out.write(buf, start, end - start);
    }

    @Override
    public void write(String str, int off, int len) throws IOException {
        write(str.toCharArray(), off, len);
    }

    @Override
    public void flush() throws IOException {
        if (pendingHigh != 0) {
            escape(pendingHigh); // nothing can follow a flush inside a string: the pair was never completed
            pendingHigh = 0;
        }
        out.flush();
    }

    @Override
    public void close() throws IOException {
        flush();
        out.close();
    }

    private void escape(char c) throws IOException {
        out.write(String.format("\\u%04x", (int) c));
    }
}
