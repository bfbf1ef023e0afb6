package org.blockscope.design;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The explanation pages of the design tools ({@code resources/explain/<name>.md}), for the app and the CLI. */
public final class Pages {

    public static final String SCALING = "compound-scaling";
    public static final String SEARCH = "design-space-search";
    public static final List<String> ALL = List.of(SCALING, SEARCH);

    private Pages() {}

    public static String text(String name) {
        try (InputStream in = Pages.class.getResourceAsStream("/org/blockscope/res/explain/" + name + ".md")) {
            if (in == null) {
                throw new IllegalArgumentException("no page '" + name + "'; pages: " + String.join(", ", ALL));
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
