package nnparity.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Flag checks that fail with a {@link UsageError} naming the flag, the value and what is valid. */
final class Check {
    private Check() {
    }

    static void atLeast(String flag, long value, long min) {
        if (value < min) throw new UsageError(flag + " " + value + " is invalid; it must be ≥ " + min);
    }

    /**
     * Fails now, before any training, if {@code file} cannot be written: so a long run is never
     * lost to a bad path at the end. Creates nothing but the file itself (then removes it if new).
     */
    static void writableFile(String flag, Path file) {
        Path abs = file.toAbsolutePath();
        Path parent = abs.getParent();
        if (Files.isDirectory(abs)) throw new UsageError(flag + " " + file + " is a directory; give a file path, e.g. report.json");
        if (parent == null || !Files.isDirectory(parent))
            throw new UsageError(flag + " " + file + ": directory " + parent + " does not exist; create it or choose another path");
        boolean existed = Files.exists(abs);
        try {
            if (existed) {
                if (!Files.isWritable(abs)) throw new UsageError(flag + " " + file + " is not writable; choose a writable path");
            } else {
                Files.createFile(abs);
                Files.delete(abs);
            }
        } catch (IOException e) {
            throw new UsageError(flag + " " + file + " cannot be written (" + e.getClass().getSimpleName() + ": " + e.getMessage() + "); choose a writable path");
        }
    }

    /** Creates {@code dir} if needed and fails now if it cannot hold files. */
    static void writableDir(String flag, Path dir) {
        try {
            if (Files.exists(dir) && !Files.isDirectory(dir))
                throw new UsageError(flag + " " + dir + " is a file; give a directory path");
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".probe", ".tmp");
            Files.delete(probe);
        } catch (IOException e) {
            throw new UsageError(flag + " " + dir + " cannot be written (" + e.getClass().getSimpleName() + ": " + e.getMessage() + "); choose a writable directory");
        }
    }
}
