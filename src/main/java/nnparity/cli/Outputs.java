package nnparity.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Collection;
import java.util.stream.Stream;

import nnparity.report.AtomicOutput;

/**
 * The output paths of a run ({@code --report FILE}, {@code --export DIR}), checked for real before
 * the first step, so that a run is never lost to a bad path at its end and never destroys a file:
 *
 * <ul>
 *   <li><b>report</b>: absent (its folder must exist), or an existing regular file, which is
 *       replaced whole (an earlier report may be overwritten). A folder, a device ({@code /dev/full},
 *       {@code /dev/null}), a pipe or a terminal ({@code /dev/stdout}) is refused: the report is
 *       written to a temporary file and renamed into place, and a rename would replace the device
 *       node itself, while writing into it directly would mix JSON into the table on stdout, or
 *       fail after the training (ENOSPC on {@code /dev/full}). So is the file this process's stdout or
 *       stderr is redirected to (also through {@code /dev/stdout} or {@code /proc}), for the same reason. A symbolic link to a file is followed:
 *       the file it names is replaced and the link kept.</li>
 *   <li><b>export</b>: absent (its folder must exist) or an empty folder. A folder that already holds
 *       files is refused, naming one: an export is written whole and never mixed with stale files,
 *       and an old one is never deleted for a new one.</li>
 *   <li>The two must not be the same path, nor the report inside the export folder; neither may be
 *       or contain a file the run reads ({@link #refuseInputs}).</li>
 *   <li>Each is shown writable by creating its temporary name beside it and removing it again.</li>
 *   <li><b>html</b> ({@code --html FILE}, the page of the run): checked as the report is, and
 *       neither the report's path nor inside the export folder.</li>
 * </ul>
 *
 * @param report the report's target with symbolic links resolved, or null
 * @param export the export folder's target with symbolic links resolved, or null
 * @param html   the HTML page's target with symbolic links resolved, or null
 */
record Outputs(Path report, Path export, Path html) {

    /** Checks both outputs (either may be null) and returns where they will be written. */
    static Outputs check(Path report, Path export) {
        return check(report, export, null);
    }

    /** Checks the three outputs (any may be null) and returns where they will be written. */
    static Outputs check(Path report, Path export, Path html) {
        Path r = report == null ? null : checkReport(report);
        Path e = export == null ? null : checkExport(export);
        Path h = html == null ? null : checkFile("--html " + html, html, "page", "run.html");
        if (h != null && r != null && h.equals(r))
            throw new UsageError("--report " + report + " and --html " + html + " are the same path; give each its own");
        if (h != null && e != null && (h.equals(e) || h.startsWith(e)))
            throw new UsageError("--html " + html + " is inside the --export folder " + export
                    + ", which is written whole and must be new or empty; put the page elsewhere");
        if (r != null && e != null) {
            if (r.equals(e))
                throw new UsageError("--report " + report + " and --export " + export + " are the same path; give each its own");
            if (r.startsWith(e))
                throw new UsageError("--report " + report + " is inside the --export folder " + export
                        + ", which is written whole and must be new or empty; put the report elsewhere");
        }
        return new Outputs(r, e, h);
    }

    /**
     * Refuses outputs that are, or contain, a file this run reads. Call before the first step,
     * once the inputs are known.
     */
    void refuseInputs(Collection<Path> inputs) {
        for (Path in : inputs) {
            Path input = canonical(in);
            if (report != null && (report.equals(input) || sameFile(report, in)))
                throw new UsageError("--report " + report + " is " + in + ", an input of this run; it would be overwritten."
                        + " Choose another path");
            if (export != null && input.startsWith(export))
                throw new UsageError("--export " + export + " holds " + in + ", an input of this run; choose another folder");
            if (html != null && (html.equals(input) || sameFile(html, in)))
                throw new UsageError("--html " + html + " is " + in + ", an input of this run; it would be overwritten."
                        + " Choose another path");
        }
    }

    private static Path checkReport(Path flagValue) {
        return checkFile("--report " + flagValue, flagValue, "report", "report.json");
    }

    /**
     * Checks one output file: {@code flag} names it in messages (e.g. {@code --report r.json}),
     * {@code what} is what it holds ("report") and {@code example} a good file name.
     */
    private static Path checkFile(String flag, Path flagValue, String what, String example) {
        Path abs = flagValue.toAbsolutePath().normalize();
        Path target;
        if (Files.exists(abs)) {
            if (Files.isDirectory(abs)) throw new UsageError(flag + " is a directory; give a file path, e.g. " + example);
            if (!Files.isRegularFile(abs))
                throw new UsageError(flag + " is not a regular file (a device, pipe or terminal) and is refused: the " + what + " is"
                        + " written to a temporary file and renamed into place, which would replace the device itself,"
                        + " and stdout carries the table; give a file path, e.g. " + example);
            if (abs.startsWith("/proc") || isOwnStream(abs))
                throw new UsageError(flag + " is this process's own stdout or stderr, and is refused:"
                        + " the " + what + " would replace what else is written there; give a file path, e.g. " + example);
            if (!Files.isWritable(abs)) throw new UsageError(flag + " is read-only; choose a writable path");
            target = real(abs, flag);
        } else {
            if (Files.isSymbolicLink(abs))
                throw new UsageError(flag + " is a symbolic link to nothing; give a file path, e.g. " + example);
            Path parent = abs.getParent();
            if (parent == null || !Files.isDirectory(parent))
                throw new UsageError(flag + ": directory " + parent + " does not exist; create it or choose another path");
            target = real(parent, flag).resolve(abs.getFileName());
        }
        try {
            AtomicOutput.probeFile(target);
        } catch (IOException e) {
            throw new UsageError(flag + " cannot be written (" + reason(e) + "); choose a writable path");
        }
        return target;
    }

    /**
     * {@code --save-model DIR}: like the export folder (absent or empty, written whole), and neither
     * the same path as the report or the export nor holding or inside either.
     */
    static Path checkSaveModel(Path flagValue, Outputs others) {
        Path s = checkDir(flagValue, "--save-model");
        String flag = "--save-model " + flagValue;
        if (others.export() != null && (s.startsWith(others.export()) || others.export().startsWith(s)))
            throw new UsageError(flag + " and the --export folder " + others.export() + " overlap; give each its own folder");
        if (others.report() != null && (others.report().startsWith(s) || s.startsWith(others.report())))
            throw new UsageError(flag + " and the --report file " + others.report() + " overlap; put the report elsewhere");
        return s;
    }

    private static Path checkExport(Path flagValue) {
        return checkDir(flagValue, "--export");
    }

    /** A folder to be written whole: absent (its parent must exist) or empty, and writable. */
    private static Path checkDir(Path flagValue, String flagName) {
        String flag = flagName + " " + flagValue;
        Path abs = flagValue.toAbsolutePath().normalize();
        Path target;
        if (Files.exists(abs)) {
            if (!Files.isDirectory(abs)) throw new UsageError(flag + " is a file; give a directory path");
            target = real(abs, flag);
            try (Stream<Path> entries = Files.list(target)) {
                Path any = entries.findFirst().orElse(null);
                if (any != null)
                    throw new UsageError(flag + " already holds files (e.g. " + any.getFileName() + "); give a new or empty"
                            + " folder: an export is written whole and never mixed with or replacing older files");
            } catch (IOException e) {
                throw new UsageError(flag + " cannot be read (" + reason(e) + "); give a new or empty folder");
            }
        } else {
            if (Files.isSymbolicLink(abs))
                throw new UsageError(flag + " is a symbolic link to nothing; give a new or empty folder");
            Path parent = abs.getParent();
            if (parent == null || !Files.isDirectory(parent))
                throw new UsageError(flag + ": directory " + parent + " does not exist; create it or choose another path");
            target = real(parent, flag).resolve(abs.getFileName());
        }
        try {
            AtomicOutput.probeDir(target);
        } catch (IOException e) {
            throw new UsageError(flag + " cannot be written (" + reason(e) + "); choose a writable directory");
        }
        return target;
    }

    private static Path real(Path p, String flag) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            throw new UsageError(flag + " cannot be resolved (" + reason(e) + ")");
        }
    }

    /** The path with symbolic links resolved as far as it exists, e.g. for a file not yet written. */
    static Path canonical(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        Path existing = abs;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) existing = existing.getParent();
        if (existing == null) return abs;
        try {
            return existing.toRealPath().resolve(existing.relativize(abs));
        } catch (IOException e) {
            return abs;
        }
    }

    /** Whether {@code p} is the file this process's stdout or stderr goes to (e.g. {@code > run.log}). */
    private static boolean isOwnStream(Path p) {
        for (String fd : new String[]{"/proc/self/fd/1", "/proc/self/fd/2"}) {
            if (sameFile(p, Path.of(fd))) return true;
        }
        return false;
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    private static String reason(IOException e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    /**
     * {@code --plots DIR}: writes the pictures into the folder checked before training, and says so
     * on {@code out}; nothing when the flag was not given ({@code dir} null).
     */
    static void writePlots(java.nio.file.Path dir, Path flagValue, java.util.List<nnparity.plot.Picture> pictures,
                           java.io.PrintWriter out) throws IOException {
        if (dir == null) return;
        nnparity.plot.PlotFolder.write(dir, pictures);
        out.println("plots: " + flagValue + " (" + String.join(", ", pictures.stream().map(nnparity.plot.Picture::fileName).toList()) + ")");
    }

    /**
     * {@code --save-model DIR}: both trained nets, into the folder checked before training, and a
     * line on {@code out}; nothing when the flag was not given ({@code dir} null).
     */
    static void writeSavedModel(java.nio.file.Path dir, Path flagValue, nnparity.spec.NetSpec spec, nnparity.parity.Lockstep lockstep,
                                String what, java.io.PrintWriter out) throws IOException {
        if (dir == null) return;
        nnparity.report.ModelExport.write(dir, spec, lockstep.scratch(), lockstep.dl4j(), what);
        out.println("model: " + flagValue + " (" + nnparity.report.ModelExport.MODEL_FILE
                + ": the hand-written net as a DL4J model; the DL4J net's parameters as .npy; README.txt names each file)");
    }
}
