package org.blockscope.cli;

import java.util.regex.Pattern;

/** Picocli's messages about the command line, made one line without Java's exception names. */
final class ParameterMessages {

    /** {@code (java.lang.NumberFormatException: For input string: "x")} and the like. */
    private static final Pattern JAVA_DETAIL =
            Pattern.compile("\\s*\\((?:[a-z]+\\.)+[A-Z]\\w*(?:Exception|Error)[^)]*\\)");

    private static final Pattern CLASS_NAME = Pattern.compile("(?:[a-z]+\\.)+[A-Z]\\w*(?:Exception|Error):?\\s*");

    private ParameterMessages() {}

    static String clean(String message) {
        if (message == null || message.isBlank()) {
            return "invalid command line";
        }
        String s = JAVA_DETAIL.matcher(message).replaceAll("");
        s = CLASS_NAME.matcher(s).replaceAll("");
        s = s.strip().replaceAll("\\s*\\R\\s*", "; ");
        return s.length() > 300 ? s.substring(0, 297) + "..." : s;
    }
}
