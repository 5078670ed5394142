package nnparity.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * Write, then rename: every output file and the export folder are built under a temporary name
 * in the same folder as the target and renamed into place with {@code ATOMIC_MOVE} when complete,
 * so a reader sees the old output or the new one, never half of either.
 *
 * <ul>
 *   <li>A file: written to {@code .NAME.PID-RANDOM.tmp} beside it, then renamed over it (an
 *       earlier file of that name is replaced whole).</li>
 *   <li>A folder: built as {@code .NAME.PID-RANDOM.tmp/} beside it, then renamed to NAME. The
 *       rename succeeds only when NAME is absent or an empty folder (rename(2) replaces nothing
 *       else), so a new export is never mixed with an older one.</li>
 * </ul>
 *
 * A write that fails removes its temporary file or folder before the exception leaves; while a
 * write is under way a JVM shutdown hook removes them too, so Ctrl-C or SIGTERM leaves nothing
 * behind (only SIGKILL or a power cut can leave a {@code .*.tmp} entry, which is never the
 * target's name). Temporary names are created with {@code CREATE_NEW} and the process's default
 * permissions (the umask), unlike {@code Files.createTempFile}'s owner-only 0600.
 */
public final class AtomicOutput {
    private AtomicOutput() {
    }

    /** Writes one file's content to the path it is given (a temporary name). */
    @FunctionalInterface
    public interface Writer {
        void write(Path tmp) throws IOException;
    }

    /** A name in {@code target}'s folder that no other run uses: {@code .NAME.PID-RANDOM.tmp}. */
    static Path temporarySibling(Path target) {
        Path abs = target.toAbsolutePath();
        String name = abs.getFileName() == null ? "output" : abs.getFileName().toString();
        long pid = ProcessHandle.current().pid();
        return abs.resolveSibling("." + name + "." + pid + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16) + ".tmp");
    }

    /** Writes {@code content} (UTF-8) to {@code target} atomically. */
    public static void writeString(Path target, String content) throws IOException {
        writeFile(target, tmp -> Files.writeString(tmp, content, StandardOpenOption.WRITE));
    }

    /** Has {@code writer} fill a new temporary file beside {@code target}, then renames it to {@code target}. */
    public static void writeFile(Path target, Writer writer) throws IOException {
        write(target, Files::createFile, writer);
    }

    /**
     * Has {@code writer} fill a new temporary folder beside {@code target}, then renames it to
     * {@code target}, which must be absent or an empty folder.
     *
     * @throws IOException when {@code target} has meanwhile become a file or a folder with files in it
     */
    public static void writeDir(Path target, Writer writer) throws IOException {
        write(target, Files::createDirectory, writer);
    }

    /** Creates the temporary sibling with {@code create}, has {@code writer} fill it, renames it to {@code target}. */
    private static void write(Path target, Writer create, Writer writer) throws IOException {
        Path tmp = temporarySibling(target);
        try (Pending p = new Pending(tmp)) {
            create.write(tmp);
            writer.write(tmp);
            p.commit(target);
        }
    }

    /**
     * Shows that a file can be created beside {@code target} (where its temporary name will be) by
     * creating one and removing it. Leaves nothing behind.
     */
    public static void probeFile(Path target) throws IOException {
        Path tmp = temporarySibling(target);
        Files.createFile(tmp);
        Files.delete(tmp);
    }

    /**
     * Shows that the export folder can be built beside {@code target}: creates the temporary folder
     * and one file in it, then removes both. Leaves nothing behind.
     */
    public static void probeDir(Path target) throws IOException {
        Path tmp = temporarySibling(target);
        Files.createDirectory(tmp);
        try {
            Path f = tmp.resolve("probe");
            Files.createFile(f);
            Files.delete(f);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * A temporary file or folder under construction: removed on {@link #close()} unless committed,
     * and by a shutdown hook if the JVM stops first. The hook and the commit take the same lock, so
     * a folder is either renamed whole or removed whole, never renamed half-deleted.
     */
    private static final class Pending implements AutoCloseable {
        private final Path tmp;
        private final Thread hook;
        private boolean done;

        Pending(Path tmp) {
            this.tmp = tmp;
            this.hook = new Thread(this::abandon, "remove " + tmp.getFileName());
            Runtime.getRuntime().addShutdownHook(hook);
        }

        synchronized void commit(Path target) throws IOException {
            if (done) throw new IOException("stopped before " + target + " was complete; nothing written");
            Files.move(tmp, target.toAbsolutePath(), StandardCopyOption.ATOMIC_MOVE);
            done = true;
        }

        synchronized void abandon() {
            if (done) return;
            done = true;
            deleteTree(tmp);
        }

        @Override
        public void close() {
            abandon();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs (or ran) anyway; abandon() is idempotent
            }
        }
    }

    /** Removes a file or a folder with everything in it; best effort, for cleaning up. */
    static void deleteTree(Path p) {
        if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) return;
        try (Stream<Path> all = Files.walk(p)) {
            all.sorted(Comparator.reverseOrder()).forEach(f -> {
                try {
                    Files.deleteIfExists(f);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // best effort: leave what cannot be removed; its name starts with '.' and ends in .tmp
        }
    }
}
