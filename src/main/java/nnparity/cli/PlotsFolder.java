package nnparity.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.stream.Stream;

import nnparity.report.AtomicOutput;

/**
 * {@code --plots DIR}, checked before the first step like {@link Outputs}' {@code --export}: DIR
 * is absent (its parent folder must exist and be writable) or an empty folder. A file, a folder
 * that already holds files, a missing or unwritable parent is refused with one line (exit 2), so
 * a run is never lost to a bad folder at its end and never mixes its pictures with older files.
 * It must not be the {@code --export} folder or the {@code --report} file, nor contain an input.
 */
final class PlotsFolder {
    private PlotsFolder() {
    }

    /** The folder with symbolic links resolved, or null when {@code flagValue} is null. */
    static Path check(Path flagValue, Outputs others) {
        if (flagValue == null) return null;
        String flag = "--plots " + flagValue;
        Path abs = flagValue.toAbsolutePath().normalize();
        Path target;
        if (Files.exists(abs)) {
            if (!Files.isDirectory(abs)) throw new UsageError(flag + " is a file; give a new or empty folder for the pictures");
            target = real(abs, flag);
            try (Stream<Path> entries = Files.list(target)) {
                Path any = entries.findFirst().orElse(null);
                if (any != null)
                    throw new UsageError(flag + " already holds files (e.g. " + any.getFileName() + "); give a new or empty"
                            + " folder: the pictures are written whole and never mixed with or replacing older files");
            } catch (IOException e) {
                throw new UsageError(flag + " cannot be read (" + e.getClass().getSimpleName() + "); give a new or empty folder");
            }
        } else {
            if (Files.isSymbolicLink(abs)) throw new UsageError(flag + " is a symbolic link to nothing; give a new or empty folder");
            Path parent = abs.getParent();
            if (parent == null || !Files.isDirectory(parent))
                throw new UsageError(flag + ": directory " + parent + " does not exist; create it or choose another path");
            target = real(parent, flag).resolve(abs.getFileName());
        }
        if (others != null && target.equals(others.export()))
            throw new UsageError(flag + " is also the --export folder; give each its own folder");
        if (others != null && others.report() != null && others.report().startsWith(target))
            throw new UsageError("--report " + others.report() + " is inside the --plots folder " + flagValue + ", which is written whole; put the report elsewhere");
        try {
            AtomicOutput.probeDir(target);
        } catch (IOException e) {
            String m = e.getMessage();
            throw new UsageError(flag + " cannot be written (" + e.getClass().getSimpleName() + (m == null ? "" : ": " + m) + "); choose a writable directory");
        }
        return target;
    }

    /** Refuses a plots folder that holds a file this run reads. */
    static void refuseInputs(Path plots, Collection<Path> inputs) {
        if (plots == null) return;
        for (Path in : inputs) {
            if (Outputs.canonical(in).startsWith(plots))
                throw new UsageError("--plots " + plots + " holds " + in + ", an input of this run; choose another folder");
        }
    }

    private static Path real(Path p, String flag) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            throw new UsageError(flag + " cannot be resolved (" + e.getClass().getSimpleName() + ")");
        }
    }
}
