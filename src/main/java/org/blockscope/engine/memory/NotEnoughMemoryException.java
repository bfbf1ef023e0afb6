package org.blockscope.engine.memory;

/**
 * A run refused before allocating: its {@link MemoryEstimate} exceeds the {@link MemoryLimits}. The
 * message gives the figures and what would fit. Unchecked like {@code CompileException}, which the
 * same callers handle in the same place.
 */
public final class NotEnoughMemoryException extends RuntimeException {

    private final MemoryEstimate estimate;

    public NotEnoughMemoryException(String message, MemoryEstimate estimate) {
        super(message, null, false, false);
        this.estimate = estimate;
    }

    /** The figures behind the message (null when the data set, not the network, is too large). */
    public MemoryEstimate estimate() {
        return estimate;
    }
}
