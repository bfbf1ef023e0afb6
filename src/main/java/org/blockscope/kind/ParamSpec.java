package org.blockscope.kind;

import java.util.List;
import java.util.Optional;

/** Name, type, default and valid range of one block parameter. */
public record ParamSpec(
        String name,
        Type type,
        Object defaultValue,
        double min,
        double max,
        List<String> choices,
        String unit,
        String help) {

    public enum Type {
        INT,
        DOUBLE,
        BOOL,
        CHOICE
    }

    public static ParamSpec integer(String name, int def, int min, int max, String help) {
        return new ParamSpec(name, Type.INT, def, min, max, List.of(), "", help);
    }

    public static ParamSpec real(String name, double def, double min, double max, String help) {
        return new ParamSpec(name, Type.DOUBLE, def, min, max, List.of(), "", help);
    }

    public static ParamSpec bool(String name, boolean def, String help) {
        return new ParamSpec(name, Type.BOOL, def, 0, 1, List.of(), "", help);
    }

    public static ParamSpec choice(String name, String def, List<String> choices, String help) {
        return new ParamSpec(name, Type.CHOICE, def, 0, 0, List.copyOf(choices), "", help);
    }

    public ParamSpec withUnit(String u) {
        return new ParamSpec(name, type, defaultValue, min, max, choices, u, help);
    }

    /**
     * Checks a value against type and range; returns a message quoting the value when it is
     * not acceptable.
     */
    public Optional<String> check(Object value) {
        switch (type) {
            case INT -> {
                if (!(value instanceof Integer i)) {
                    return Optional.of(name + " must be a whole number, got " + describe(value));
                }
                if (i < min || i > max) {
                    return Optional.of(name + " must be between " + (long) min + " and " + (long) max + ", got " + i);
                }
            }
            case DOUBLE -> {
                if (!(value instanceof Number n)) {
                    return Optional.of(name + " must be a number, got " + describe(value));
                }
                double d = n.doubleValue();
                if (!(d >= min && d <= max)) {
                    return Optional.of(name + " must be between " + min + " and " + max + ", got " + d);
                }
            }
            case BOOL -> {
                if (!(value instanceof Boolean)) {
                    return Optional.of(name + " must be true or false, got " + describe(value));
                }
            }
            case CHOICE -> {
                // exact match: the rules compare choices with equals, so 'SAME' must not pass here
                if (!(value instanceof String s) || !choices.contains(s)) {
                    return Optional.of(name + " must be one of " + choices + ", got " + describe(value));
                }
            }
        }
        return Optional.empty();
    }

    private static String describe(Object v) {
        return v instanceof String s ? "'" + s + "'" : String.valueOf(v);
    }
}
