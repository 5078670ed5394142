package nnparity.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import nnparity.data.MnistLocator;

/**
 * The tutorial's nets print what they printed before the spec became a list of layers: stdout
 * for the same flags is compared byte for byte with transcripts stored from the two-layer build
 * (src/test/resources/transcripts), with only wall-clock times masked.
 */
class TranscriptTest {
    private static final Path FASHION = Path.of("/usr/share/datasets/fashion-mnist");
    /** A duration such as {@code 0.717 s}. */
    private static final Pattern SECONDS = Pattern.compile("[0-9]+(\\.[0-9]+)? s\\b");
    /** A row of the digits accuracy table, whose last two columns are seconds. */
    private static final Pattern EPOCH_ROW = Pattern.compile("^(\\s+\\d+(\\s+[01]\\.\\d{4}){5})\\s+\\S+\\s+\\S+$");

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
            "quadrant-default.out            | ",
            "quadrant-sigmoid-dl4j.out       | --hidden 8 --activation sigmoid --init dl4j --epochs 100",
            "quadrant-points-tanh-xavier.out | --points 40 --batch 8 --epochs 5 --activation tanh --init xavier",
            "digits-limit-2000.out           | --task digits --limit 2000 --epochs 2",
    })
    void stdoutIsByteIdenticalToTheTwoLayerBuild(String transcript, String args) throws IOException {
        String[] argv = args == null ? new String[0] : args.trim().split("\\s+");
        if (args != null && args.contains("digits"))
            Assumptions.assumeTrue(MnistLocator.findFiles(FASHION).isPresent(), "apt-get install dataset-fashion-mnist to run this test");
        CliRun r = CliRun.of(argv);
        assertEquals(Main.AGREE, r.code(), r.err());
        assertEquals(masked(stored(transcript)), masked(r.out()));
    }

    private static String stored(String name) throws IOException {
        try (InputStream in = TranscriptTest.class.getResourceAsStream("/transcripts/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Drops the {@code time} lines and masks every duration; everything else must match exactly. */
    static String masked(String out) {
        return out.lines()
                .filter(l -> !l.startsWith("time"))
                .map(l -> EPOCH_ROW.matcher(l).replaceAll("$1 <s> <s>"))
                .map(l -> SECONDS.matcher(l).replaceAll("<t> s"))
                .collect(Collectors.joining("\n", "", "\n"));
    }
}
