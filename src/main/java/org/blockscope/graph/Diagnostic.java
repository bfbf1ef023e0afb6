package org.blockscope.graph;

/**
 * A problem in the user's network, attached to the node it is about ({@code node} is null for the
 * graph as a whole). Messages quote the values received, e.g.
 * {@code inputs differ, 64×56×56 vs 128×28×28 (use a projection shortcut)}.
 */
public record Diagnostic(String node, Severity severity, String message) {

    public enum Severity {
        ERROR,
        WARNING
    }

    public static Diagnostic error(String node, String message) {
        return new Diagnostic(node, Severity.ERROR, message);
    }

    public static Diagnostic warning(String node, String message) {
        return new Diagnostic(node, Severity.WARNING, message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    @Override
    public String toString() {
        String where = node == null ? "network" : "'" + node + "'";
        return (isError() ? "error" : "warning") + ": " + where + ": " + message;
    }
}
