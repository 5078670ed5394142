package nnparity.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** One line about this machine and JVM, for the table: CPU model, cores, the SIMD flags that matter. */
public final class Machine {
    private Machine() {
    }

    /** The first "cpu MHz" of /proc/cpuinfo in GHz (the nominal clock a VM reports), or 0. */
    static double ghz() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo")))
                if (line.startsWith("cpu MHz")) return Double.parseDouble(line.substring(line.indexOf(':') + 1).trim()) / 1000;
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return 0;
    }

    /**
     * FP64 flops per cycle per core from the SIMD flags: two FMA units, each a multiply and an add
     * on every lane: 32 with avx512f (8 lanes), 16 with avx2 and fma (4 lanes), 8 with avx, else 4.
     */
    static int flopsPerCycle() {
        Set<String> f = flags();
        if (f.contains("avx512f")) return 32;
        if (f.contains("avx2") && f.contains("fma")) return 16;
        if (f.contains("avx")) return 8;
        return 4;
    }

    /** cores × GHz × flop/cycle, or 0 where the clock is unknown. */
    static double peakGflops() {
        return Runtime.getRuntime().availableProcessors() * ghz() * flopsPerCycle();
    }

    static String peakNote() {
        return String.format(java.util.Locale.ROOT,
                "FP64 peak assumed: %d cores × %.3f GHz (\"cpu MHz\" in /proc/cpuinfo) × %d flop/cycle (from the flags: avx512f 32, avx2+fma 16,"
                        + " avx 8, else 4; two FMA units) = %.1f GFLOP/s.",
                Runtime.getRuntime().availableProcessors(), ghz(), flopsPerCycle(), peakGflops());
    }

    private static Set<String> flags() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo")))
                if (line.startsWith("flags")) return Set.of(line.substring(line.indexOf(':') + 1).trim().split("\\s+"));
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return Set.of();
    }

    /** {@code --core-peak}: one core's FP64 peak in GFLOP/s (GHz × flop/cycle), for the kernel's per-core figures. */
    public static void main(String[] args) {
        System.out.printf(java.util.Locale.ROOT, "%.1f%n", ghz() * flopsPerCycle());
    }

    static String describe() {
        String model = "unknown CPU";
        Set<String> flags = Set.of();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name") && model.equals("unknown CPU")) model = line.substring(line.indexOf(':') + 1).trim();
                if (line.startsWith("flags") && flags.isEmpty()) flags = Set.of(line.substring(line.indexOf(':') + 1).trim().split("\\s+"));
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: the model stays unknown
        }
        List<String> simd = new ArrayList<>();
        for (String f : List.of("avx2", "fma", "avx512f")) simd.add(f + (flags.contains(f) ? " yes" : " no"));
        return "Machine: " + model + ", " + Runtime.getRuntime().availableProcessors() + " cores, " + String.join(", ", simd)
                + "; " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version")
                + "; " + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ".";
    }
}
