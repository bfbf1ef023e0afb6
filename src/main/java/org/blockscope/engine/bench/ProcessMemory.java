package org.blockscope.engine.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.javacpp.Pointer;

/**
 * The process's peak resident memory (heap, native buffers, libraries: what the OS counts), Linux's
 * {@code VmHWM}, which {@code bench/pytorch_bench.py} reads for PyTorch too. Elsewhere the peak of
 * JavaCPP's physical-bytes figure, sampled.
 */
final class ProcessMemory {
    private ProcessMemory() {}

    private static final Path STATUS = Path.of("/proc/self/status");
    private static long sampledPeak;

    /** Starts a new peak (Linux: writes 5 to /proc/self/clear_refs, which resets VmHWM to the current RSS). */
    static void resetPeak() {
        sampledPeak = 0;
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
        } catch (IOException | RuntimeException e) { // not Linux, or not allowed: the peak covers the process
        }
    }

    /** Samples the resident size (for platforms without VmHWM). */
    static void sample() {
        sampledPeak = Math.max(sampledPeak, Pointer.physicalBytes());
    }

    /** Peak resident bytes since the last {@link #resetPeak}. */
    static long peakResidentBytes() {
        try {
            for (String line : Files.readAllLines(STATUS, StandardCharsets.UTF_8)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) { // not Linux
        }
        return sampledPeak;
    }
}
