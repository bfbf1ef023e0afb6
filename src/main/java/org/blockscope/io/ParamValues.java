package org.blockscope.io;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.stream.Collectors;
import org.blockscope.kind.ParamSpec;

/**
 * How parameter values look in a file. The kind's {@link ParamSpec} decides the Java type, so a
 * DOUBLE written as {@code 1} reads back as {@code 1.0}. The writer refuses exactly what the reader
 * would refuse, so every saved file can be opened again. Ranges are not checked here: a value out
 * of range is a diagnostic on the node, not an unreadable file.
 */
final class ParamValues {

    private ParamValues() {}

    /** What a value of this parameter must look like, for messages. */
    static String expected(ParamSpec spec) {
        return switch (spec.type()) {
            case INT -> "a whole number";
            case DOUBLE -> "a number";
            case BOOL -> "true or false";
            case CHOICE ->
                "one of " + spec.choices().stream().map(LocatedJson::quote).collect(Collectors.joining(", "));
        };
    }

    /** The value as stored in {@code Params}, or {@code null} if {@code v} does not fit the spec. */
    static Object read(ParamSpec spec, JsonNode v) {
        switch (spec.type()) {
            case INT -> {
                if (v.isIntegralNumber() && v.canConvertToInt()) {
                    return v.intValue();
                }
                if (v.isFloatingPointNumber()
                        && v.doubleValue() == Math.rint(v.doubleValue())
                        && Math.abs(v.doubleValue()) <= Integer.MAX_VALUE) {
                    return (int) v.doubleValue(); // 3.0 is a whole number too
                }
            }
            case DOUBLE -> {
                if (v.isNumber() && Double.isFinite(v.doubleValue())) {
                    return v.doubleValue();
                }
            }
            case BOOL -> {
                if (v.isBoolean()) {
                    return v.booleanValue();
                }
            }
            case CHOICE -> {
                if (v.isTextual() && spec.choices().contains(v.textValue())) {
                    return v.textValue();
                }
            }
        }
        return null;
    }

    /** Writes {@code value}, or throws {@link Unwritable} if the reader would not accept it back. */
    static void write(JsonGenerator g, ParamSpec spec, Object value, String path) throws IOException {
        switch (spec.type()) {
            case INT -> {
                if (value instanceof Integer i) {
                    g.writeNumber(i);
                    return;
                }
            }
            case DOUBLE -> {
                if (value instanceof Integer || value instanceof Double d && Double.isFinite(d)) {
                    g.writeNumber(((Number) value).doubleValue());
                    return;
                }
            }
            case BOOL -> {
                if (value instanceof Boolean b) {
                    g.writeBoolean(b);
                    return;
                }
            }
            case CHOICE -> {
                if (value instanceof String s && spec.choices().contains(s)) {
                    g.writeString(s);
                    return;
                }
            }
        }
        String got = value instanceof String s ? LocatedJson.quote(s) : String.valueOf(value);
        throw new Unwritable(path, "cannot be saved: expected " + expected(spec) + ", got " + got);
    }

    /** A graph holding a value the file format cannot represent (a programmer error upstream). */
    static final class Unwritable extends RuntimeException {
        private final String path;
        private final String problem;

        Unwritable(String path, String problem) {
            super(path + ": " + problem, null, false, false);
            this.path = path;
            this.problem = problem;
        }

        String path() {
            return path;
        }

        String problem() {
            return problem;
        }
    }
}
