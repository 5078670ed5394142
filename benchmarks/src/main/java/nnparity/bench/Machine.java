package nnparity.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** One line about this machine and JVM, for the table: CPU model, cores, the SIMD flags that matter. */
final class Machine {
    private Machine() {
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
