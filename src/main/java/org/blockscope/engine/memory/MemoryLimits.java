package org.blockscope.engine.memory;

import java.lang.management.ManagementFactory;
import org.bytedeco.javacpp.Pointer;

/**
 * How much memory this process may still take, in the two places the engine uses: native memory
 * (ND4J arrays: weights, activations, gradients, optimiser state) and the Java heap (decoded data
 * sets, one byte per pixel).
 *
 * <p>ND4J's arrays are not counted in JavaCPP's {@code org.bytedeco.javacpp.maxbytes}; what stops
 * them is JavaCPP's check of the process's resident size against
 * {@code org.bytedeco.javacpp.maxphysicalbytes} (which includes the heap), and in the end the
 * machine's RAM. So the native budget is the smaller of {@code maxphysicalbytes} and the physical
 * RAM, minus what the process holds already.
 *
 * @param nativeBytes native memory still available
 * @param nativeSource what limits it, for messages ({@code org.bytedeco.javacpp.maxphysicalbytes = 10.0 GB, 1.2 GB in use})
 * @param heapBytes   Java heap still available ({@code -Xmx} minus what is in use)
 */
public record MemoryLimits(long nativeBytes, String nativeSource, long heapBytes) {

    /** The limits of this process now. */
    public static MemoryLimits current() {
        long resident = Pointer.physicalBytes();
        long maxPhysical = Pointer.maxPhysicalBytes();
        long ram = physicalRam();
        long nativeLimit;
        String source;
        if (maxPhysical > 0 && (ram <= 0 || maxPhysical <= ram)) {
            nativeLimit = maxPhysical;
            source = "org.bytedeco.javacpp.maxphysicalbytes = " + Bytes.format(maxPhysical);
        } else if (ram > 0) {
            nativeLimit = ram;
            source = "the machine's RAM, " + Bytes.format(ram);
        } else {
            nativeLimit = Long.MAX_VALUE;
            source = "no known limit";
        }
        long nativeFree = Math.max(0, nativeLimit - resident);
        Runtime rt = Runtime.getRuntime();
        long heapFree = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        return new MemoryLimits(nativeFree, source + ", " + Bytes.format(resident) + " in use", Math.max(0, heapFree));
    }

    /** Fixed limits, e.g. for tests or for planning on another machine. */
    public static MemoryLimits of(long nativeBytes, long heapBytes) {
        return new MemoryLimits(nativeBytes, "a limit of " + Bytes.format(nativeBytes), heapBytes);
    }

    private static long physicalRam() {
        try {
            return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getTotalMemorySize();
        } catch (ClassCastException | LinkageError e) {
            return 0; // not a HotSpot-style JVM: no figure
        }
    }
}
