package nnparity.dl4j;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.zip.Adler32;

import org.deeplearning4j.common.resources.DL4JResources;
import org.deeplearning4j.datasets.base.MnistFetcher;
import org.eclipse.deeplearning4j.resources.DataSetResource;
import org.eclipse.deeplearning4j.resources.utils.MnistResourceConstants;

import nnparity.data.DataException;
import nnparity.data.MnistLocator.Part;

/**
 * {@code --download}: the real MNIST (handwritten digits) fetched with DL4J's own machinery into
 * DL4J's cache, checked, and never trusted unchecked.
 *
 * <h2>What DL4J 1.0.0-M2.1 does, read off its jars, and what we use of it</h2>
 * <ul>
 *   <li>{@code MnistFetcher.getBaseDir()} is {@code DL4JResources.getDirectory(DATASET, "MNIST")}:
 *       {@code ~/.deeplearning4j/data/MNIST}, or under {@code DL4JResources.setBaseDirectory} /
 *       {@code -Dorg.deeplearning4j.resources.directory}. The data locator searches it, so that is
 *       where the files go.</li>
 *   <li>Its four {@code DataSetResource}s fetch {@code <base URL>datasets/mnist/<name>.gz}, base URL
 *       {@code https://dl4jdata.blob.core.windows.net/} ({@code DL4JResources.setBaseDownloadURL} /
 *       {@code -Dorg.deeplearning4j.resources.baseurl}). We use that URL layout and DL4J's
 *       {@code Downloader} (through a {@code DataSetResource}), under the lock file it keeps in the
 *       folder.</li>
 *   <li>Its own default resources put the files in the base directory itself
 *       ({@code ~/.deeplearning4j}), not in {@code getBaseDir()}, which it creates and returns
 *       empty.</li>
 *   <li><b>It checks no checksum</b>: {@code MnistResourceConstants} holds the MD5s, but
 *       {@code BaseResource} keeps them in a field nothing reads, and the interface's {@code md5Sum()}
 *       returns "" (no check).</li>
 *   <li><b>Its retries deadlock</b>: on an MD5 mismatch, or an archive that fails to unpack,
 *       {@code Downloader} calls itself again, which waits for the {@code inProgress.lock} its own
 *       caller holds: the JVM sleeps forever (seen in this project's test). So we never let it retry:
 *       each {@code .gz} is fetched as a plain file with no MD5 (which never takes that path), then
 *       checked, retried and unpacked here.</li>
 * </ul>
 *
 * Each archive's size and MD5 (DL4J's {@code MnistResourceConstants}) are checked, up to
 * {@link #TRIES} downloads; it is unpacked into a temporary file renamed into place, whose size and
 * Adler-32 are checked too (DL4J's own {@code MnistDataFetcher.CHECKSUM_*} constants, the check its
 * {@code MnistDataSetIterator} makes on opening the files), and the archive is deleted, as DL4J's
 * fetcher does: the four unpacked files stay. A file that fails is deleted (we just wrote it) and
 * the run stops with one line. A file already in the cache that fails is never touched: the line
 * says to remove it. Progress goes to stderr, like the training's progress line: stdout is the
 * run's report and reads the same whether the data was downloaded or already there.
 */
public final class MnistDownload {
    /** As {@code MnistFetcher.downloadAndUntar} asks: 3 tries, connect timeout 200 s, read timeout 20 s. */
    static final int TRIES = 3, CONNECT_TIMEOUT_MS = 200_000, READ_TIMEOUT_MS = 20_000;
    /** How often the progress line looks at the growing archive. */
    static final long PROGRESS_EVERY_MS = 1000;

    private MnistDownload() {
    }

    /**
     * One file of the set.
     *
     * @param part     which of the four
     * @param gzMd5    MD5 of the {@code .gz} archive as served (checked by DL4J's Downloader)
     * @param gzBytes  the archive's size, for the progress line's percentage
     * @param bytes    the unpacked file's size
     * @param adler32  the unpacked file's Adler-32
     */
    public record Entry(Part part, String gzMd5, long gzBytes, long bytes, long adler32) {
        public Entry {
            Objects.requireNonNull(part, "part");
            if (gzMd5 == null || !gzMd5.matches("[0-9a-f]{32}")) throw new IllegalArgumentException("MD5 " + gzMd5 + " is invalid; 32 lower-case hex digits");
            if (gzBytes < 1 || bytes < 1) throw new IllegalArgumentException("sizes " + gzBytes + ", " + bytes + " are invalid; they must be ≥ 1");
        }

        String archive() {
            return part.fileName() + ".gz";
        }
    }

    /** What is downloaded and how it is checked: a name and the four files. */
    public record Catalogue(String name, List<Entry> entries) {
        public Catalogue {
            entries = List.copyOf(entries);
            if (entries.size() != Part.values().length) throw new IllegalArgumentException("a catalogue lists the 4 MNIST files, not " + entries.size());
        }

        /**
         * The real MNIST as DL4J serves it: MD5s from DL4J's {@code MnistResourceConstants}, unpacked
         * Adler-32s from DL4J's {@code MnistDataFetcher} (protected there, so copied; a test compares),
         * sizes from the IDX format (16-byte image header + n·28·28, 8-byte label header + n) and, for
         * the archives, the sizes published with MNIST.
         */
        public static Catalogue mnist() {
            return new Catalogue("MNIST", List.of(
                    new Entry(Part.TRAIN_IMAGES, MnistResourceConstants.TRAINING_FILES_MD_5, 9_912_422, 16 + 60_000L * 784, 2_094_436_111L),
                    new Entry(Part.TRAIN_LABELS, MnistResourceConstants.TRAINING_FILE_LABELS_MD_5, 28_881, 8 + 60_000, 4_008_842_612L),
                    new Entry(Part.TEST_IMAGES, MnistResourceConstants.TEST_FILES_MD_5, 1_648_877, 16 + 10_000L * 784, 2_165_396_896L),
                    new Entry(Part.TEST_LABELS, MnistResourceConstants.TEST_FILE_LABELS_MD_5, 4_542, 8 + 10_000, 2_212_998_611L)));
        }
    }

    /** The {@code .gz} as a plain DL4J resource: fetched to {@code dir/<name>.gz}, not unpacked, no MD5 (see the class comment). */
    private static DataSetResource archiveResource(Entry e, Path dir) {
        return new DataSetResource(e.archive(), "", "", dir.toString(), DL4JResources.getURLString(MnistResourceConstants.MNIST_ROOT));
    }

    /** DL4J's MNIST cache as its {@code MnistFetcher} names it (created if absent, as DL4J does). */
    public static Path cacheDir() {
        return new MnistFetcher().getBaseDir().toPath();
    }

    /**
     * Makes sure the catalogue's four files are in {@link #cacheDir()}, checked: downloads those
     * that are missing with DL4J's fetcher, then checks every file's size and Adler-32.
     *
     * @param progress where the progress lines go (stderr)
     * @return the cache directory, holding the four checked files
     * @throws DataException one line: offline or the server unreachable, a download that failed its
     *                       MD5 three times, an unpacked file of the wrong size or checksum
     */
    public static Path fetch(Catalogue c, PrintWriter progress) {
        Dl4jNets.useDoublePrecision();
        MnistFetcher fetcher = new MnistFetcher();
        Path dir = fetcher.getBaseDir().toPath();
        List<Entry> missing = new ArrayList<>();
        for (Entry e : c.entries()) {
            Path f = dir.resolve(e.part().fileName());
            if (!Files.exists(f)) {
                missing.add(e);
                continue;
            }
            String bad = check(f, e);
            if (bad != null)
                throw new DataException(f + " is already in DL4J's cache but " + bad + "; it is not " + c.name()
                        + " as published. Remove it (rm " + f + ") and run --download again");
        }
        if (missing.isEmpty()) {
            progress.println("download: " + c.name() + " is already in " + dir + "; sizes and checksums verified, nothing downloaded");
            return dir;
        }
        String base = DL4JResources.getURLString(MnistResourceConstants.MNIST_ROOT);
        progress.println("download: " + c.name() + " from " + base + "/ into " + dir + " with DL4J's MnistFetcher ("
                + missing.size() + " of 4 files)");
        for (Entry e : missing) {
            Path archive = dir.resolve(e.archive()), f = dir.resolve(e.part().fileName());
            String bad = null;
            for (int attempt = 1; attempt <= TRIES; attempt++) {
                deleteQuietly(archive);
                download(archiveResource(e, dir), e, dir, base, progress);
                bad = checkArchive(archive, e);
                if (bad == null) break;
                progress.println("download: " + e.archive() + " " + bad + " (try " + attempt + " of " + TRIES + ")");
            }
            if (bad != null) {
                deleteQuietly(archive);
                throw new DataException("downloaded " + base + "/" + e.archive() + " " + TRIES + " times and each copy " + bad
                        + ": the file served is corrupt or not " + c.name() + "; nothing was kept");
            }
            bad = unpack(archive, f);
            if (bad == null) bad = check(f, e);
            deleteQuietly(archive);
            if (bad != null) {
                deleteQuietly(f);
                throw new DataException("downloaded " + e.archive() + " from " + base + "/ but the unpacked " + e.part().fileName() + " " + bad
                        + "; it is not " + c.name() + " as published, so it was deleted. Try again later, or get the files by hand");
            }
            progress.printf(Locale.ROOT, "download: %s done (%,d bytes unpacked; archive size and MD5, file size and Adler-32 checked)%n",
                    e.part().fileName(), e.bytes());
        }
        return dir;
    }

    /** Null if the archive has the entry's size and MD5, else what is wrong. */
    static String checkArchive(Path archive, Entry e) {
        try {
            long size = Files.size(archive);
            if (size != e.gzBytes()) return String.format(Locale.ROOT, "has %,d bytes, not %,d", size, e.gzBytes());
            java.security.MessageDigest md5 = java.security.MessageDigest.getInstance("MD5");
            try (InputStream in = Files.newInputStream(archive)) {
                byte[] buf = new byte[1 << 16];
                for (int n; (n = in.read(buf)) > 0; ) md5.update(buf, 0, n);
            }
            String got = java.util.HexFormat.of().formatHex(md5.digest());
            return got.equals(e.gzMd5()) ? null : "failed its MD5 check (" + got + ", expected " + e.gzMd5() + ")";
        } catch (IOException | java.security.NoSuchAlgorithmException ex) {
            return "cannot be read (" + ex.getMessage() + ")";
        }
    }

    /** Unpacks {@code archive} into {@code target} through a temporary file renamed into place; null, or what went wrong. */
    static String unpack(Path archive, Path target) {
        Path tmp = target.resolveSibling("." + target.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        try {
            try (InputStream in = new java.util.zip.GZIPInputStream(Files.newInputStream(archive), 1 << 16)) {
                Files.copy(in, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            Files.move(tmp, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return null;
        } catch (IOException ex) {
            deleteQuietly(tmp);
            return "could not be unpacked (" + ex.getClass().getSimpleName() + ": " + ex.getMessage() + ")";
        }
    }

    /** One resource through DL4J's Downloader, with a progress line about every second. */
    private static void download(DataSetResource r, Entry e, Path dir, String base, PrintWriter progress) {
        Path archive = dir.resolve(e.archive());
        Thread watcher = new Thread(() -> {
            try {
                while (true) {
                    Thread.sleep(PROGRESS_EVERY_MS);
                    long n = Files.exists(archive) ? Files.size(archive) : 0;
                    progress.printf(Locale.ROOT, "download: %s %.1f of %.1f MB (%.0f%%)%n", e.archive(), n / 1e6, e.gzBytes() / 1e6,
                            Math.min(100.0, 100.0 * n / e.gzBytes()));
                }
            } catch (InterruptedException | IOException stop) {
                // done
            }
        }, "download progress");
        watcher.setDaemon(true);
        watcher.start();
        try {
            r.download(false, 1, CONNECT_TIMEOUT_MS, READ_TIMEOUT_MS);
        } catch (Exception ex) {   // DL4J throws its IOExceptions undeclared (Lombok's @SneakyThrows)
            throw failure(ex, e, base);
        } finally {
            watcher.interrupt();
        }
    }

    /** The one line for a failed download: offline or the server unreachable, or another I/O failure (e.g. HTTP 404). */
    static DataException failure(Exception ex, Entry e, String base) {
        String url = base + "/" + e.archive();
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof UnknownHostException || t instanceof ConnectException || t instanceof NoRouteToHostException
                    || t instanceof SocketTimeoutException)
                return new DataException("cannot download " + url + ": " + t.getClass().getSimpleName() + (t.getMessage() == null ? "" : " (" + t.getMessage() + ")")
                        + ". Offline, or the server is down? Nothing was written; without a network, copy the four MNIST files into a folder and pass --data DIR", ex);
        }
        String first = String.valueOf(ex.getMessage()).lines().findFirst().orElse("");
        return new DataException("cannot download " + url + ": " + ex.getClass().getSimpleName() + " (" + first + ")", ex);
    }

    /** Null if {@code f} has the entry's size and Adler-32, else what is wrong. */
    static String check(Path f, Entry e) {
        try {
            long size = Files.size(f);
            if (size != e.bytes()) return String.format(Locale.ROOT, "has %,d bytes, not %,d", size, e.bytes());
            Adler32 a = new Adler32();
            byte[] buf = new byte[1 << 16];
            try (InputStream in = Files.newInputStream(f)) {
                for (int n; (n = in.read(buf)) > 0; ) a.update(buf, 0, n);
            }
            return a.getValue() == e.adler32() ? null : "has Adler-32 " + a.getValue() + ", not " + e.adler32();
        } catch (IOException ex) {
            return "cannot be read (" + ex.getMessage() + ")";
        }
    }

    private static void deleteQuietly(Path f) {
        try {
            Files.deleteIfExists(f);
        } catch (IOException ignored) {
            // the message says what was wrong; a file we could not delete is named there
        }
    }
}
