package nnparity.data;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds a directory of MNIST-format IDX files on this machine. It never downloads anything.
 *
 * <p>A directory qualifies when it holds all four files, each under its MNIST name, plain or with
 * {@code .gz}, or under the dotted variant that Kaggle's and some other copies use
 * ({@code train-images.idx3-ubyte}); the first regular file wins, in the order
 * {@link Part#candidates()}:
 *
 * <pre>
 *   train-images-idx3-ubyte   train-labels-idx1-ubyte   t10k-images-idx3-ubyte   t10k-labels-idx1-ubyte
 * </pre>
 *
 * <p>When a directory holds one file under two names (DL4J's cache keeps each {@code .gz} download
 * beside its unpacked copy), the copies are compared after decompression: identical ones are fine
 * and the log says which was used; different ones are an error naming both, since either could be
 * the one meant. A name that exists but is no readable file (a directory, a broken link, a device)
 * is reported as such, not as missing.
 *
 * <p>Search order, first match wins:
 *
 * <ol>
 *   <li>{@code --data DIR}, when given. If it does not qualify that is an error, saying what is
 *       missing; the search does not go on to guess another set.</li>
 *   <li>{@code $MNIST_DIR}, when set and not empty. Set to a directory that does not qualify is
 *       likewise an error: a deliberate choice is never silently replaced.</li>
 *   <li>DL4J's cache {@code ~/.deeplearning4j/data/MNIST}, where DL4J's {@code MnistFetcher} keeps
 *       the four {@code .gz} downloads and their unpacked twins (reported as {@code MNIST}). DL4J
 *       creates this directory empty before downloading, so an empty one is skipped.</li>
 *   <li>The system directories, by default {@code /usr/share/datasets/fashion-mnist} from the Debian
 *       package {@code dataset-fashion-mnist} (four {@code .gz} files, reported as
 *       {@code Fashion-MNIST}).</li>
 * </ol>
 *
 * When nothing qualifies, the {@link DataException} lists every place looked, in this order, with
 * what each lacked, and how to get the data. The environment, the home directory and the system
 * directories are injected, so tests can run the search without touching the machine's own.
 */
public final class MnistLocator {

    /** Environment variable naming a dataset directory. */
    public static final String ENV_VAR = "MNIST_DIR";
    /** Where DL4J keeps MNIST, relative to the home directory ({@code DL4JResources}' default). */
    public static final Path DL4J_CACHE_IN_HOME = Path.of(".deeplearning4j", "data", "MNIST");
    /** The Debian package that installs Fashion-MNIST. */
    public static final String DEBIAN_PACKAGE = "dataset-fashion-mnist";
    /** The directory that {@value #DEBIAN_PACKAGE} installs. */
    public static final SystemDir DEBIAN_FASHION_MNIST = new SystemDir(
            Path.of("/usr/share/datasets/fashion-mnist"), "Fashion-MNIST", "Debian package " + DEBIAN_PACKAGE);

    private static final String HOW_EXPLICIT = "--data";
    private static final String HOW_ENV = "$" + ENV_VAR;
    private static final String HOW_DL4J = "DL4J's MNIST cache";
    /** {@link #fault}'s answer when the directory itself may not be searched (no x permission). */
    private static final String SEARCH_DENIED = "permission denied";

    private static final Logger log = LoggerFactory.getLogger(MnistLocator.class);

    /** The four files of a dataset directory. */
    public enum Part {
        TRAIN_IMAGES("train-images-idx3-ubyte"),
        TRAIN_LABELS("train-labels-idx1-ubyte"),
        TEST_IMAGES("t10k-images-idx3-ubyte"),
        TEST_LABELS("t10k-labels-idx1-ubyte");

        private final String fileName;

        Part(String fileName) {
            this.fileName = fileName;
        }

        /** The MNIST name, e.g. {@code train-images-idx3-ubyte}. */
        public String fileName() {
            return fileName;
        }

        /** The names tried, in order: MNIST's, then {@code .gz}, then the dotted variant, plain and {@code .gz}. */
        public List<String> candidates() {
            String dotted = fileName.replace("-idx", ".idx");
            return List.of(fileName, fileName + ".gz", dotted, dotted + ".gz");
        }
    }

    /** The four files found in a dataset directory. */
    public record MnistFiles(Path trainImages, Path trainLabels, Path testImages, Path testLabels) {
    }

    /**
     * A fixed place to look, after the user's and DL4J's.
     *
     * @param dir         the directory
     * @param datasetName what to call the data found there, e.g. {@code Fashion-MNIST}
     * @param source      where the directory comes from, e.g. {@code Debian package dataset-fashion-mnist}
     */
    public record SystemDir(Path dir, String datasetName, String source) {
        public SystemDir {
            Objects.requireNonNull(dir, "dir");
            Objects.requireNonNull(datasetName, "datasetName");
            Objects.requireNonNull(source, "source");
        }
    }

    /**
     * A dataset directory that qualified.
     *
     * @param dir         its absolute path
     * @param datasetName e.g. {@code Fashion-MNIST}, {@code MNIST}, or the directory's own name
     * @param how         how it was found: {@code --data}, {@code $MNIST_DIR}, {@code DL4J's MNIST cache}
     *                    or the system directory's source
     * @param files       the four files in it
     */
    public record Located(Path dir, String datasetName, String how, MnistFiles files) {
        /** E.g. {@code Fashion-MNIST in /usr/share/datasets/fashion-mnist (Debian package dataset-fashion-mnist)}. */
        @Override
        public String toString() {
            return datasetName + " in " + dir + " (" + how + ")";
        }
    }

    private final Function<String, String> env;
    private final Path home;
    private final List<SystemDir> systemDirs;
    /** Where notes go (which of two identical copies was used): the log, or a test's list. */
    private final Consumer<String> notes;

    /**
     * @param env        looks up an environment variable, null when unset (e.g. {@code System::getenv})
     * @param home       the home directory, or null when there is none (DL4J's cache is then skipped)
     * @param systemDirs fixed places to look last, in order
     */
    public MnistLocator(Function<String, String> env, Path home, List<SystemDir> systemDirs) {
        this(env, home, systemDirs, log::info);
    }

    /** As above, with the notes that would be logged at INFO handed to {@code notes} instead. */
    MnistLocator(Function<String, String> env, Path home, List<SystemDir> systemDirs, Consumer<String> notes) {
        this.env = Objects.requireNonNull(env, "env");
        this.home = home;
        this.systemDirs = List.copyOf(systemDirs);
        this.notes = Objects.requireNonNull(notes, "notes");
    }

    /** A locator for this machine: the process environment, {@code user.home}, and the Debian path. */
    public static MnistLocator forThisMachine() {
        String home = System.getProperty("user.home");
        return new MnistLocator(System::getenv, home == null || home.isEmpty() ? null : Path.of(home),
                List.of(DEBIAN_FASHION_MNIST));
    }

    /** DL4J's cache under the injected home, or null without a home. */
    public Path dl4jCache() {
        return home == null ? null : home.resolve(DL4J_CACHE_IN_HOME);
    }

    /**
     * Finds a dataset directory, in the order of the class comment.
     *
     * @param explicitDir the {@code --data} directory, or null when not given
     * @throws DataException if the explicit or {@code $MNIST_DIR} directory lacks files, the chosen
     *                       directory holds two different copies of one file, or nothing is found
     *                       anywhere (the message lists every place looked)
     */
    public Located locate(Path explicitDir) {
        if (explicitDir != null) return require(explicitDir, HOW_EXPLICIT + " " + explicitDir, HOW_EXPLICIT);

        String fromEnv = env.apply(ENV_VAR);
        if (fromEnv != null && !fromEnv.isBlank()) {
            Path dir;
            try {
                dir = Path.of(fromEnv.strip());
            } catch (InvalidPathException e) {
                throw new DataException(HOW_ENV + "=" + fromEnv.strip() + ": not a valid path (" + e.getReason() + ")", e);
            }
            return require(dir, HOW_ENV + "=" + fromEnv.strip(), HOW_ENV);
        }

        List<String> looked = new ArrayList<>();
        looked.add("--data DIR (not given)");
        looked.add(HOW_ENV + " (not set)");

        Path cache = dl4jCache();
        if (cache != null) {
            Optional<MnistFiles> files = findFiles(cache);
            if (files.isPresent()) return located(cache, "MNIST", HOW_DL4J, files.get());
            looked.add(cache + ", " + HOW_DL4J + " (" + whatIsMissing(cache) + ")");
        } else {
            looked.add("~/" + DL4J_CACHE_IN_HOME + ", " + HOW_DL4J + " (no home directory)");
        }

        for (SystemDir s : systemDirs) {
            Optional<MnistFiles> files = findFiles(s.dir());
            if (files.isPresent()) return located(s.dir(), s.datasetName(), s.source(), files.get());
            looked.add(s.dir() + ", " + s.source() + " (" + whatIsMissing(s.dir()) + ")");
        }

        throw new DataException("no MNIST-format data found. Looked in, in order: " + String.join("; ", looked)
                + ". To get data (nothing is downloaded automatically): apt-get install " + DEBIAN_PACKAGE
                + " (Fashion-MNIST into " + DEBIAN_FASHION_MNIST.dir() + "), or put the MNIST IDX files "
                + fileList() + " (each plain or .gz) in a directory and pass --data DIR or set " + ENV_VAR + "=DIR.");
    }

    /** The four files in {@code dir}, or empty when it is not a directory or any of them is missing. */
    public static Optional<MnistFiles> findFiles(Path dir) {
        if (!Files.isDirectory(dir)) return Optional.empty();
        Path[] found = new Path[Part.values().length];
        for (Part p : Part.values()) {
            found[p.ordinal()] = find(dir, p);
            if (found[p.ordinal()] == null) return Optional.empty();
        }
        return Optional.of(new MnistFiles(found[0], found[1], found[2], found[3]));
    }

    /**
     * Why {@code dir} does not qualify, e.g. {@code does not exist},
     * {@code lacks t10k-images-idx3-ubyte[.gz], t10k-labels-idx1-ubyte[.gz]} or
     * {@code train-images-idx3-ubyte is a directory, not a file}; empty if it does.
     */
    public static String whatIsMissing(Path dir) {
        if (!Files.exists(dir)) return Objects.requireNonNullElse(brokenLink(dir), "does not exist");
        if (!Files.isDirectory(dir)) return "is not a directory";
        List<String> missing = new ArrayList<>();
        List<String> faults = new ArrayList<>();
        for (Part p : Part.values()) {
            if (find(dir, p) != null) continue;
            List<String> partFaults = new ArrayList<>();
            for (String name : p.candidates()) {
                String fault = fault(dir.resolve(name));
                if (fault == SEARCH_DENIED) return "cannot be searched: permission denied, so none of its files can be opened";
                if (fault != null) partFaults.add(name + " " + fault);
            }
            if (partFaults.isEmpty()) missing.add(p.fileName() + "[.gz]");
            faults.addAll(partFaults);
        }
        if (missing.isEmpty() && faults.isEmpty()) return "";
        List<String> parts = new ArrayList<>();
        if (missing.size() == Part.values().length) {
            parts.add("holds none of the 4 MNIST IDX files");
        } else if (!missing.isEmpty()) {
            parts.add("lacks " + String.join(", ", missing));
        }
        parts.addAll(faults);
        return String.join("; ", parts);
    }

    /**
     * Why {@code f}, which is not a regular file (else it would have been found), cannot be used as
     * one; null when there is simply nothing under that name.
     */
    private static String fault(Path f) {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(f, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        } catch (AccessDeniedException e) {
            return SEARCH_DENIED;
        } catch (IOException e) {
            return "cannot be checked: " + e;
        }
        if (a.isSymbolicLink()) {
            if (!Files.exists(f)) return brokenLink(f);
            if (Files.isDirectory(f)) return "is a symbolic link to a directory, not a file";
            return "is a symbolic link to something that is not a regular file";
        }
        if (a.isDirectory()) return "is a directory, not a file";
        return "is not a regular file (a device, pipe or socket)";
    }

    /** {@code is a broken symbolic link (to TARGET)} if {@code p} is one, else null. */
    private static String brokenLink(Path p) {
        try {
            return "is a broken symbolic link (to " + Files.readSymbolicLink(p) + ")";
        } catch (IOException | UnsupportedOperationException notALink) {
            return null;
        }
    }

    private static Path find(Path dir, Part part) {
        for (String name : part.candidates()) {
            Path f = dir.resolve(name);
            if (Files.isRegularFile(f)) return f;
        }
        return null;
    }

    /** Every regular file in {@code dir} under one of {@code part}'s names, in candidate order. */
    private static List<Path> copies(Path dir, Part part) {
        List<Path> found = new ArrayList<>();
        for (String name : part.candidates()) {
            Path f = dir.resolve(name);
            if (Files.isRegularFile(f)) found.add(f);
        }
        return found;
    }

    private static String fileList() {
        List<String> names = new ArrayList<>();
        for (Part p : Part.values()) names.add(p.fileName());
        return String.join(", ", names);
    }

    private Located require(Path dir, String described, String how) {
        Optional<MnistFiles> files = findFiles(dir);
        if (files.isEmpty()) {
            throw new DataException(described + ": " + whatIsMissing(dir) + "; a dataset directory holds "
                    + fileList() + " (each plain or .gz)");
        }
        return located(dir, nameFor(dir), how, files.get());
    }

    private Located located(Path dir, String name, String how, MnistFiles files) {
        for (Part p : Part.values()) checkCopies(copies(dir, p));
        return new Located(dir.toAbsolutePath().normalize(), name, how, files);
    }

    /**
     * One file under several names (the first is the one used): refused unless every copy holds the
     * same data after decompression, and then noted.
     */
    private void checkCopies(List<Path> copies) {
        Path used = copies.get(0);
        for (Path other : copies.subList(1, copies.size())) {
            long at = IdxReader.firstDifference(used, other);
            if (at >= 0) {
                throw new DataException(used + " and " + other + " are both present but hold different data (after"
                        + " decompression they first differ at byte " + at + "); a dataset directory holds each file"
                        + " once, or copies with identical data, so remove the one that is wrong");
            }
            notes.accept(used + " and " + other.getFileName() + " hold the same data; using " + used.getFileName());
        }
    }

    /** A user-chosen directory is named after a known place it is, else after itself. */
    private String nameFor(Path dir) {
        Path cache = dl4jCache();
        if (cache != null && sameDir(dir, cache)) return "MNIST";
        for (SystemDir s : systemDirs) {
            if (sameDir(dir, s.dir())) return s.datasetName();
        }
        Path name = dir.toAbsolutePath().normalize().getFileName();
        return name == null ? "MNIST-format data in " + dir : name.toString();
    }

    private static boolean sameDir(Path a, Path b) {
        try {
            return Files.isDirectory(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    /** E.g. {@code MnistLocator(--data, $MNIST_DIR, /root/.deeplearning4j/data/MNIST, /usr/share/datasets/fashion-mnist)}. */
    @Override
    public String toString() {
        List<String> places = new ArrayList<>(List.of(HOW_EXPLICIT, HOW_ENV));
        places.add(dl4jCache() == null ? "~/" + DL4J_CACHE_IN_HOME : dl4jCache().toString());
        for (SystemDir s : systemDirs) places.add(s.dir().toString());
        return "MnistLocator(" + String.join(", ", places) + ")";
    }
}
