package nnparity.dl4j;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import nnparity.spec.NetSpec;
import nnparity.spec.ParamSet;

/**
 * Brings a user's own DL4J network in: a configuration file ({@code conf.toJson()} or
 * {@code conf.toYaml()}) or a saved model ({@code net.save(file)}, i.e. {@code ModelSerializer}).
 * Each is translated into a {@link NetSpec} by {@link ConfigTranslator}, which refuses whatever the
 * spec cannot mirror exactly, and comes with a DL4J network holding the parameters to start from:
 * DL4J's draw from the configuration's own weight init and seed, or the saved model's weights.
 *
 * <p>Every failure is an {@link ImportException} with one line for the user that names the file:
 * missing, a directory, unreadable, empty, not text, not a DL4J configuration, not a saved model.
 */
public final class Dl4jImport {
    private Dl4jImport() {
    }

    /** What was imported: the spec (init {@code dl4j}), DL4J's network, and its parameters in the canonical layout. */
    public record ImportedNet(NetSpec spec, MultiLayerNetwork network, ParamSet params) {
    }

    /** Which text format a configuration file holds. */
    public enum Format {
        JSON, YAML;

        /** JSON if the first character that is not white space is {@code {}, YAML otherwise. */
        static Format of(String text) {
            return text.stripLeading().startsWith("{") ? JSON : YAML;
        }
    }

    /**
     * Reads {@code file} (JSON or YAML, as {@link Format#of} tells), translates it, and builds and
     * initialises its network: DL4J draws the weights from the configuration's own weight init and seed.
     */
    public static ImportedNet configuration(Path file) {
        MultiLayerConfiguration conf = readConfiguration(file);
        NetSpec spec = ConfigTranslator.toSpec(conf);
        Dl4jNets.useDoublePrecision();
        MultiLayerNetwork net = Dl4jNets.network(conf);
        return new ImportedNet(spec, net, ParamBridge.read(net));
    }

    /** Loads a saved {@code MultiLayerNetwork} (with its updater state), translates its configuration, and reads its weights. */
    public static ImportedNet model(Path file) {
        MultiLayerNetwork net = loadModel(file);
        NetSpec spec = ConfigTranslator.toSpec(net.getLayerWiseConfigurations());
        return new ImportedNet(spec, net, ParamBridge.read(net));
    }

    /** The configuration in {@code file}, which holds {@code conf.toJson()} or {@code conf.toYaml()}. */
    public static MultiLayerConfiguration readConfiguration(Path file) {
        String what = "config file " + file;
        requireNonEmptyFile(file, what);
        byte[] head = head(file, what);
        if (isZip(head))
            throw unreadable(what + " is a zip archive, not a configuration (a saved model? give it as a model)");
        String text;
        try {
            text = Files.readString(file);
        } catch (CharacterCodingException e) {
            throw unreadable(what + " is not text (not UTF-8), so not a configuration in JSON or YAML");
        } catch (IOException e) {
            throw unreadable(what + " cannot be read: " + firstLine(e), e);
        }
        if (text.isBlank()) throw unreadable(what + " is empty (white space only)");
        Format format = Format.of(text);
        try {
            return format == Format.JSON ? MultiLayerConfiguration.fromJson(text) : MultiLayerConfiguration.fromYaml(text);
        } catch (RuntimeException e) {
            throw unreadable(what + " is not a DL4J MultiLayerConfiguration in " + format + " (" + firstLine(e) + ")", e);
        }
    }

    /** The saved network in {@code file}, loaded with its updater state. */
    public static MultiLayerNetwork loadModel(Path file) {
        String what = "model file " + file;
        requireNonEmptyFile(file, what);
        if (!isZip(head(file, what)))
            throw unreadable(what + " is not a saved DL4J model: not a zip archive (save one with net.save(file))");
        Dl4jNets.useDoublePrecision();
        try {
            return MultiLayerNetwork.load(file.toFile(), true);
        } catch (IOException | RuntimeException e) {
            throw unreadable(what + " could not be loaded as a DL4J MultiLayerNetwork (" + firstLine(e) + ")", e);
        }
    }

    private static void requireNonEmptyFile(Path file, String what) {
        if (!Files.exists(file)) throw unreadable(what + " does not exist");
        if (Files.isDirectory(file)) throw unreadable(what + " is a directory, not a file");
        if (!Files.isReadable(file)) throw unreadable(what + " cannot be read (permission denied)");
        try {
            if (Files.size(file) == 0) throw unreadable(what + " is empty (0 bytes)");
        } catch (IOException e) {
            throw unreadable(what + " cannot be read: " + firstLine(e), e);
        }
    }

    /** The first 4 bytes (fewer if the file is shorter). */
    private static byte[] head(Path file, String what) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(4);
        } catch (IOException e) {
            throw unreadable(what + " cannot be read: " + firstLine(e), e);
        }
    }

    /** A zip archive's local file header starts with {@code PK\3\4}. */
    private static boolean isZip(byte[] head) {
        return head.length == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
    }

    /** The innermost cause's message, first line only (Jackson appends the source position on further lines). */
    static String firstLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        String m = root.getMessage();
        return m == null || m.isBlank() ? root.getClass().getSimpleName() : m.lines().findFirst().orElse("").trim();
    }

    private static ImportException unreadable(String message) {
        return new ImportException(ImportException.Kind.FILE, message);
    }

    private static ImportException unreadable(String message, Throwable cause) {
        return new ImportException(ImportException.Kind.FILE, message, cause);
    }
}
