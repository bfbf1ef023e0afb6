package org.blockscope.kind;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The identity of one kind of block, as every kind has it: its name, palette group, number of
 * inputs, tooltip and parameters. Each kind's table row ({@code Primitive}, {@code NamedBlock},
 * {@link Structural}) builds one.
 */
public record KindInfo(
        String displayName,
        Category category,
        int minInputs,
        int maxInputs,
        String tooltip,
        List<ParamSpec> specs,
        Params defaults,
        Map<String, ParamSpec> byName) {

    public static KindInfo of(
            String displayName, Category category, int minInputs, int maxInputs, String tooltip, ParamSpec... specs) {
        Map<String, ParamSpec> byName = new LinkedHashMap<>();
        Map<String, Object> defaults = new LinkedHashMap<>();
        for (ParamSpec s : specs) {
            if (byName.put(s.name(), s) != null) {
                throw new IllegalArgumentException(displayName + " declares parameter " + s.name() + " twice");
            }
            defaults.put(s.name(), s.defaultValue());
        }
        return new KindInfo(
                displayName,
                category,
                minInputs,
                maxInputs,
                tooltip,
                List.of(specs),
                Params.of(defaults),
                java.util.Collections.unmodifiableMap(byName));
    }

    public Optional<ParamSpec> spec(String name) {
        return Optional.ofNullable(byName.get(name));
    }
}
