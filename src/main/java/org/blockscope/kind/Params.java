package org.blockscope.kind;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Immutable parameter values of one node: integers, doubles, booleans and enum choices (strings).
 * Which names exist, their types, defaults and ranges are described by the kind's
 * {@link org.blockscope.kind.ParamSpec}s; this class only stores values.
 */
public final class Params {

    public static final Params EMPTY = new Params(new TreeMap<>());

    private final Map<String, Object> values;

    private Params(TreeMap<String, Object> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    public static Params of(Map<String, ?> values) {
        TreeMap<String, Object> copy = new TreeMap<>();
        values.forEach((k, v) -> copy.put(k, normalise(k, v)));
        return new Params(copy);
    }

    /** Convenience: {@code Params.of("filters", 64, "kernel", 3)}. */
    public static Params of(Object... keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("key/value pairs expected");
        }
        TreeMap<String, Object> map = new TreeMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], normalise((String) keyValues[i], keyValues[i + 1]));
        }
        return new Params(map);
    }

    private static Object normalise(String key, Object v) {
        Objects.requireNonNull(v, () -> "parameter '" + key + "' is null");
        if (v instanceof Integer || v instanceof Double || v instanceof Boolean || v instanceof String) {
            return v;
        }
        if (v instanceof Long l) {
            return Math.toIntExact(l);
        }
        if (v instanceof Float f) {
            return f.doubleValue();
        }
        if (v instanceof Enum<?> e) {
            return e.name().toLowerCase(java.util.Locale.ROOT);
        }
        throw new IllegalArgumentException("parameter '" + key + "' has unsupported type " + v.getClass());
    }

    public Params with(String key, Object value) {
        TreeMap<String, Object> copy = new TreeMap<>(values);
        copy.put(key, normalise(key, value));
        return new Params(copy);
    }

    /** Values of {@code overrides} win. */
    public Params withAll(Params overrides) {
        TreeMap<String, Object> copy = new TreeMap<>(values);
        copy.putAll(overrides.values);
        return new Params(copy);
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }

    public Object get(String key) {
        Object v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException("no parameter '" + key + "' in " + values);
        }
        return v;
    }

    public int getInt(String key) {
        Object v = get(key);
        if (v instanceof Integer i) {
            return i;
        }
        if (v instanceof Double d && d == Math.rint(d)) {
            return d.intValue();
        }
        throw new IllegalArgumentException("parameter '" + key + "' is not an integer: " + v);
    }

    public double getDouble(String key) {
        Object v = get(key);
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException("parameter '" + key + "' is not a number: " + v);
    }

    public boolean getBool(String key) {
        Object v = get(key);
        if (v instanceof Boolean b) {
            return b;
        }
        throw new IllegalArgumentException("parameter '" + key + "' is not a boolean: " + v);
    }

    public String getString(String key) {
        return String.valueOf(get(key));
    }

    public Map<String, Object> asMap() {
        return values;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Params p && values.equals(p.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
