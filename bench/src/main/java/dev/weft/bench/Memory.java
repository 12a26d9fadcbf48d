package dev.weft.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The two memory figures the bench compares, each only with itself: heap in use after full GCs
 * (Java against Java) and the resident set from {@code /proc/self/status} (the same file the
 * asyncio peers read, so RSS compares with RSS across languages).
 */
public final class Memory {
    private Memory() {}

    /** Heap in use after three full GCs, in bytes. */
    public static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** This process's resident set (VmRSS) in bytes, or 0 where there is no /proc (not Linux). */
    public static long residentBytes() {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return 0;
        }
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("could not read " + status, e);
        }
        return 0;
    }
}
