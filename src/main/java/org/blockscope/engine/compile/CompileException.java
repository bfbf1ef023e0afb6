package org.blockscope.engine.compile;

import java.util.List;
import org.blockscope.graph.Diagnostic;

/** The graph has error diagnostics and cannot be executed; {@link #diagnostics()} lists them all. */
public final class CompileException extends RuntimeException {
    private final List<Diagnostic> diagnostics;

    public CompileException(List<Diagnostic> diagnostics) {
        super("the network has errors: "
                + String.join(
                        "; ", diagnostics.stream().map(Diagnostic::toString).toList()));
        this.diagnostics = List.copyOf(diagnostics);
    }

    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }
}
