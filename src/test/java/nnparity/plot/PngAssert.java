package nnparity.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Set;

import javax.imageio.ImageIO;

/** What every picture must be: a PNG that decodes, of the stated size, with real content. */
final class PngAssert {
    /** Fewer distinct colours than this is a blank or nearly blank picture (text alone antialiases to dozens). */
    static final int MIN_COLOURS = 8;

    private PngAssert() {
    }

    static BufferedImage decode(Picture p) {
        try {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(p.png()));
            assertNotNull(img, p.fileName() + " does not decode as an image");
            return img;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A valid PNG of {@code width × height} with more than {@link #MIN_COLOURS} colours; returns it decoded. */
    static BufferedImage validPng(Picture p, int width, int height) {
        BufferedImage img = decode(p);
        assertEquals(width, img.getWidth(), p.fileName() + " width");
        assertEquals(height, img.getHeight(), p.fileName() + " height");
        assertTrue(colours(img) > MIN_COLOURS, p.fileName() + " has only " + colours(img) + " colours");
        return img;
    }

    static int colours(BufferedImage img) {
        Set<Integer> seen = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y++) for (int x = 0; x < img.getWidth(); x++) seen.add(img.getRGB(x, y) & 0xffffff);
        return seen.size();
    }

    /** The same pixels (decoded, so an encoder's choices cannot hide or fake a difference) and the same bytes. */
    static void samePicture(Picture a, Picture b) {
        BufferedImage x = decode(a), y = decode(b);
        assertEquals(x.getWidth(), y.getWidth());
        assertEquals(x.getHeight(), y.getHeight());
        assertArrayEquals(x.getRGB(0, 0, x.getWidth(), x.getHeight(), null, 0, x.getWidth()),
                y.getRGB(0, 0, y.getWidth(), y.getHeight(), null, 0, y.getWidth()), a.fileName() + " pixels");
        assertArrayEquals(a.png(), b.png(), a.fileName() + " bytes");
    }

    static int count(BufferedImage img, int rgb, int x0, int x1) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) for (int x = x0; x < x1; x++) if ((img.getRGB(x, y) & 0xffffff) == rgb) n++;
        return n;
    }
}
