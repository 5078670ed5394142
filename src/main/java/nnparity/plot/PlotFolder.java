package nnparity.plot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import nnparity.report.AtomicOutput;

/** Writes a run's pictures into {@code --plots DIR}, atomically: the folder appears complete or not at all. */
public final class PlotFolder {
    private PlotFolder() {
    }

    /**
     * Builds the folder under a temporary name beside {@code dir} and renames it into place
     * ({@link AtomicOutput#writeDir}); {@code dir} must be absent or an empty folder.
     *
     * @throws IllegalArgumentException when two pictures share a file name
     */
    public static void write(Path dir, List<Picture> pictures) throws IOException {
        Set<String> names = new HashSet<>();
        for (Picture p : pictures) {
            if (!names.add(p.fileName())) throw new IllegalArgumentException("two pictures are named " + p.fileName());
        }
        AtomicOutput.writeDir(dir, tmp -> {
            for (Picture p : pictures) Files.write(tmp.resolve(p.fileName()), p.png());
        });
    }
}
