package nnparity.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotFolderTest {
    @TempDir
    Path tmp;

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 1, 2, 3};

    private List<String> tree() throws IOException {
        try (Stream<Path> s = Files.walk(tmp)) {
            return s.filter(p -> !p.equals(tmp)).map(p -> tmp.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void thePicturesAppearInTheFolderWithTheirBytes() throws IOException {
        PlotFolder.write(tmp.resolve("plots"), List.of(new Picture("a.png", "A", PNG), new Picture("b.png", "B", PNG)));
        assertEquals(List.of("plots", "plots/a.png", "plots/b.png"), tree());
        assertArrayEquals(PNG, Files.readAllBytes(tmp.resolve("plots/a.png")));
    }

    @Test
    void aFolderThatGainedFilesMeanwhileIsNeitherReplacedNorMixedAndNothingIsLeft() throws IOException {
        Files.createDirectory(tmp.resolve("plots"));
        Files.writeString(tmp.resolve("plots/old.txt"), "keep");
        assertThrows(IOException.class, () -> PlotFolder.write(tmp.resolve("plots"), List.of(new Picture("a.png", "A", PNG))));
        assertEquals(List.of("plots", "plots/old.txt"), tree());
    }

    @Test
    void twoPicturesOfOneNameAreRefusedBeforeAnythingIsWritten() {
        List<Picture> twice = List.of(new Picture("a.png", "A", PNG), new Picture("a.png", "B", PNG));
        assertThrows(IllegalArgumentException.class, () -> PlotFolder.write(tmp.resolve("plots"), twice));
        assertEquals(false, Files.exists(tmp.resolve("plots")));
    }
}
