package nnparity.cli;

import static nnparity.data.IdxTestFiles.IMAGE_MAGIC;
import static nnparity.data.IdxTestFiles.LABEL_MAGIC;
import static nnparity.data.IdxTestFiles.file;
import static nnparity.data.IdxTestFiles.gzip;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Adler32;

import org.deeplearning4j.common.resources.DL4JResources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

import nnparity.data.DataException;
import nnparity.data.MnistLocator.Part;
import nnparity.dl4j.MnistDownload;
import nnparity.dl4j.MnistDownload.Catalogue;
import nnparity.dl4j.MnistDownload.Entry;
import picocli.CommandLine;

/**
 * {@code --download} against a server on the loopback address that serves small generated IDX
 * files, with DL4J's resource base URL pointed at it and DL4J's cache directory redirected to a
 * temporary folder. Nothing here reaches the internet.
 */
class DownloadTest {
    static final int TRAIN = 60, TEST = 20;

    @TempDir
    Path tmp;

    private HttpServer server;
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    /** What the server serves, by path: {@code /datasets/mnist/<name>.gz}. */
    private final Map<String, byte[]> served = new LinkedHashMap<>();
    /** The unpacked files, by part. */
    private final Map<Part, byte[]> plain = new LinkedHashMap<>();
    private File savedBaseDir;
    private String savedBaseUrl;

    @BeforeEach
    void serveGeneratedFiles() throws IOException {
        byte[][] train = DigitsJobTest.synthetic(TRAIN, 1), test = DigitsJobTest.synthetic(TEST, 2);
        plain.put(Part.TRAIN_IMAGES, file(IMAGE_MAGIC, train[0], TRAIN, 28, 28));
        plain.put(Part.TRAIN_LABELS, file(LABEL_MAGIC, train[1], TRAIN));
        plain.put(Part.TEST_IMAGES, file(IMAGE_MAGIC, test[0], TEST, 28, 28));
        plain.put(Part.TEST_LABELS, file(LABEL_MAGIC, test[1], TEST));
        for (var e : plain.entrySet()) served.put("/datasets/mnist/" + e.getKey().fileName() + ".gz", gzip(e.getValue()));

        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            requests.add(ex.getRequestURI().getPath());
            byte[] body = served.get(ex.getRequestURI().getPath());
            if (body == null) {
                ex.sendResponseHeaders(404, -1);
            } else {
                ex.sendResponseHeaders(200, body.length);
                ex.getResponseBody().write(body);
            }
            ex.close();
        });
        server.start();
        savedBaseDir = DL4JResources.getBaseDirectory();
        savedBaseUrl = DL4JResources.getBaseDownloadURL();
        DL4JResources.setBaseDirectory(Files.createDirectories(tmp.resolve("dl4j")).toFile());
        DL4JResources.setBaseDownloadURL("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    @AfterEach
    void restore() {
        server.stop(0);
        DL4JResources.setBaseDirectory(savedBaseDir);
        DL4JResources.setBaseDownloadURL(savedBaseUrl);
    }

    /** The catalogue of the served files, its sums computed here with the JDK's MD5 and Adler-32. */
    Catalogue catalogue() {
        List<Entry> entries = new ArrayList<>();
        for (var e : plain.entrySet()) {
            byte[] gz = served.get("/datasets/mnist/" + e.getKey().fileName() + ".gz");
            Adler32 a = new Adler32();
            a.update(e.getValue());
            entries.add(new Entry(e.getKey(), md5(gz), gz.length, e.getValue().length, a.getValue()));
        }
        return new Catalogue("MNIST", entries);
    }

    static String md5(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    Path cache() {
        return tmp.resolve("dl4j").resolve("data").resolve("MNIST");
    }

    static String fetch(Catalogue c) {
        StringWriter progress = new StringWriter();
        MnistDownload.fetch(c, new PrintWriter(progress, true));
        return progress.toString();
    }

    @Test
    void fetchesTheFourFilesWithDl4jsUrlsIntoDl4jsMnistCacheAndKeepsOnlyTheUnpackedFiles() throws IOException {
        assertEquals(cache(), MnistDownload.cacheDir(), "MnistFetcher.getBaseDir() under the redirected base directory");
        String progress = fetch(catalogue());
        assertEquals(List.of("/datasets/mnist/train-images-idx3-ubyte.gz", "/datasets/mnist/train-labels-idx1-ubyte.gz",
                "/datasets/mnist/t10k-images-idx3-ubyte.gz", "/datasets/mnist/t10k-labels-idx1-ubyte.gz"), requests);
        for (var e : plain.entrySet()) assertArrayEquals(e.getValue(), Files.readAllBytes(cache().resolve(e.getKey().fileName())), e.getKey().fileName());
        try (var files = Files.list(cache())) {
            assertEquals(4, files.filter(f -> !f.getFileName().toString().equals("inProgress.lock")).count(), "DL4J deletes the archives");
        }
        assertTrue(progress.contains("with DL4J's MnistFetcher (4 of 4 files)"), progress);
        assertEquals(4, progress.lines().filter(l -> l.contains(" done (")).count(), progress);
    }

    @Test
    void aSecondFetchChecksWhatIsThereAndDownloadsNothing() {
        fetch(catalogue());
        requests.clear();
        String progress = fetch(catalogue());
        assertEquals(List.of(), requests);
        assertTrue(progress.contains("already in " + cache() + "; sizes and checksums verified, nothing downloaded"), progress);
    }

    @Test
    void onlyTheMissingFilesAreFetched() throws IOException {
        fetch(catalogue());
        Files.delete(cache().resolve("t10k-labels-idx1-ubyte"));
        requests.clear();
        fetch(catalogue());
        assertEquals(List.of("/datasets/mnist/t10k-labels-idx1-ubyte.gz"), requests);
    }

    @Test
    void anArchiveThatFailsItsMd5IsTriedThreeTimesThenRefusedWithNothingKept() throws IOException {
        Catalogue good = catalogue();
        byte[] gz = served.get("/datasets/mnist/train-labels-idx1-ubyte.gz").clone();
        gz[gz.length - 1] ^= 1;   // same size, another MD5
        served.put("/datasets/mnist/train-labels-idx1-ubyte.gz", gz);
        DataException e = assertThrows(DataException.class, () -> fetch(good));
        assertTrue(e.getMessage().contains("train-labels-idx1-ubyte.gz 3 times and each copy failed its MD5 check (" + md5(gz) + ", expected "), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), "one line");
        assertEquals(3, requests.stream().filter(r -> r.endsWith("train-labels-idx1-ubyte.gz")).count(), "tried 3 times: " + requests);
        assertFalse(Files.exists(cache().resolve("train-labels-idx1-ubyte")));
        assertFalse(Files.exists(cache().resolve("train-labels-idx1-ubyte.gz")));
    }

    @Test
    void anUnpackedFileOfTheWrongSizeOrChecksumIsDeletedAndRefused() {
        List<Entry> entries = new ArrayList<>(catalogue().entries());
        Entry labels = entries.get(3);
        entries.set(3, new Entry(labels.part(), labels.gzMd5(), labels.gzBytes(), labels.bytes(), labels.adler32() + 1));
        DataException e = assertThrows(DataException.class, () -> fetch(new Catalogue("MNIST", entries)));
        assertTrue(e.getMessage().contains("the unpacked t10k-labels-idx1-ubyte has Adler-32 " + labels.adler32() + ", not " + (labels.adler32() + 1)), e.getMessage());
        assertFalse(Files.exists(cache().resolve("t10k-labels-idx1-ubyte")));

        entries.set(3, new Entry(labels.part(), labels.gzMd5(), labels.gzBytes(), labels.bytes() + 1, labels.adler32()));
        e = assertThrows(DataException.class, () -> fetch(new Catalogue("MNIST", entries)));
        assertTrue(e.getMessage().contains("has " + labels.bytes() + " bytes, not " + (labels.bytes() + 1)), e.getMessage());
    }

    @Test
    void aCorruptFileAlreadyInTheCacheIsNeverOverwritten() throws IOException {
        Files.createDirectories(cache());
        Path mine = Files.write(cache().resolve("train-images-idx3-ubyte"), new byte[]{1, 2, 3});
        DataException e = assertThrows(DataException.class, () -> fetch(catalogue()));
        assertTrue(e.getMessage().startsWith(mine + " is already in DL4J's cache but has 3 bytes"), e.getMessage());
        assertTrue(e.getMessage().contains("Remove it (rm " + mine + ")"), e.getMessage());
        assertArrayEquals(new byte[]{1, 2, 3}, Files.readAllBytes(mine));
        assertEquals(List.of(), requests);
    }

    @Test
    void aServerWithoutTheFileIsOneLine() {
        Catalogue c = catalogue();
        served.remove("/datasets/mnist/t10k-images-idx3-ubyte.gz");
        DataException e = assertThrows(DataException.class, () -> fetch(c));
        assertTrue(e.getMessage().startsWith("cannot download http://127.0.0.1:" + server.getAddress().getPort() + "/datasets/mnist/t10k-images-idx3-ubyte.gz: "), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        assertFalse(Files.exists(cache().resolve("t10k-images-idx3-ubyte")));
    }

    @Test
    void offlineIsOneLineExitTwo() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        DL4JResources.setBaseDownloadURL("http://127.0.0.1:" + closedPort + "/");
        CliRun r = compare("--task", "digits", "--download", "--epochs", "0");
        assertEquals(Main.USAGE, r.code(), r.out() + r.err());
        String[] lines = r.errLines();
        assertEquals(List.of("download: MNIST from http://127.0.0.1:" + closedPort + "/datasets/mnist/ into " + cache()
                + " with DL4J's MnistFetcher (4 of 4 files)"), List.of(lines).subList(0, lines.length - 1), "progress, then the error");
        assertTrue(lines[lines.length - 1].startsWith("error: cannot download http://127.0.0.1:" + closedPort
                + "/datasets/mnist/train-images-idx3-ubyte.gz: ConnectException"), r.err());
        assertTrue(lines[lines.length - 1].contains("Offline, or the server is down?"), r.err());
        assertFalse(Files.exists(cache().resolve("train-images-idx3-ubyte")));
    }

    @Test
    void downloadBelongsToTheDigitsTaskAndExcludesData() {
        CliRun q = compare("--download");
        assertEquals(Main.USAGE, q.code());
        assertEquals("error: --download fetches MNIST for --task digits; the quadrant task's data is built in", q.errLines()[0]);
        CliRun d = compare("--task", "digits", "--download", "--data", tmp.toString());
        assertEquals(Main.USAGE, d.code());
        assertTrue(d.errLines()[0].startsWith("error: --download fetches MNIST into DL4J's cache; --data "), d.err());
        assertEquals(List.of(), requests);
    }

    @Test
    void theDigitsRunTrainsOnTheDownloadAndSaysItIsMnist() {
        CliRun r = compare("--task", "digits", "--download", "--epochs", "1", "--batch", "20", "--lr", "0.5");
        assertEquals(Main.AGREE, r.code(), r.out() + r.err());
        assertTrue(r.out().startsWith("nn-parity: MNIST in " + cache() + " (--download, DL4J's MNIST cache)"), r.out());
        assertTrue(r.out().contains("\n  data set      MNIST-format data: neither MNIST nor Fashion-MNIST"), "generated files are not MNIST: " + r.out());
        assertTrue(r.err().contains("download: t10k-labels-idx1-ubyte done"), r.err());
        assertFalse(r.out().contains("download:"), "progress stays off stdout");
    }

    @Test
    void theMnistCatalogueHoldsDl4jsOwnChecksumsAndTheIdxSizes() throws ReflectiveOperationException {
        Class<?> fetcher = Class.forName("org.deeplearning4j.datasets.fetchers.MnistDataFetcher");
        Map<Part, String> dl4jField = Map.of(Part.TRAIN_IMAGES, "CHECKSUM_TRAIN_FEATURES", Part.TRAIN_LABELS, "CHECKSUM_TRAIN_LABELS",
                Part.TEST_IMAGES, "CHECKSUM_TEST_FEATURES", Part.TEST_LABELS, "CHECKSUM_TEST_LABELS");
        Map<Part, Long> idxBytes = Map.of(Part.TRAIN_IMAGES, 47_040_016L, Part.TRAIN_LABELS, 60_008L, Part.TEST_IMAGES, 7_840_016L, Part.TEST_LABELS, 10_008L);
        Map<Part, String> md5 = Map.of(Part.TRAIN_IMAGES, "f68b3c2dcbeaaa9fbdd348bbdeb94873", Part.TRAIN_LABELS, "d53e105ee54ea40749a09fcbcd1e9432",
                Part.TEST_IMAGES, "9fb629c4189551a2d022fa330f9573f3", Part.TEST_LABELS, "ec29112dd5afa0611ce80d1b7f02629c");
        Catalogue c = Catalogue.mnist();
        assertEquals("MNIST", c.name());
        for (Entry e : c.entries()) {
            var f = fetcher.getDeclaredField(dl4jField.get(e.part()));
            f.setAccessible(true);
            assertEquals(f.getLong(null), e.adler32(), e.part() + ": DL4J's MnistDataFetcher checks this Adler-32");
            assertEquals(idxBytes.get(e.part()), e.bytes(), e.part() + ": IDX header + data");
            assertEquals(md5.get(e.part()), e.gzMd5(), e.part() + ": the MD5 published with MNIST");
        }
    }

    /** The CLI with this test's catalogue in place of the real MNIST's. */
    CliRun compare(String... args) {
        CompareCommand cmd = new CompareCommand();
        cmd.downloadCatalogue = catalogue();
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Main.run(new CommandLine(cmd), args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new CliRun(code, out.toString(), err.toString());
    }
}
