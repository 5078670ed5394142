package nnparity.report;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;

import javax.imageio.ImageIO;

import nnparity.plot.Picture;

/** Real PNG pictures for the tests of the HTML page, encoded by {@code javax.imageio}. */
public final class TestPictures {
    private TestPictures() {
    }

    /** A {@code width}×{@code height} PNG: a colour gradient with seeded random squares (never one colour). */
    public static byte[] png(int width, int height, long seed) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random rnd = new Random(seed);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) img.setRGB(x, y, new Color(255 * x / width, 255 * y / height, 160).getRGB());
        }
        for (int k = 0; k < 12; k++) {
            int x0 = rnd.nextInt(width), y0 = rnd.nextInt(height), c = rnd.nextInt(0xffffff);
            for (int y = y0; y < Math.min(height, y0 + height / 6 + 1); y++)
                for (int x = x0; x < Math.min(width, x0 + width / 6 + 1); x++) img.setRGB(x, y, c);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(img, "png", out)) throw new IllegalStateException("no PNG writer");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static Picture picture(String fileName, String title, int width, int height, long seed) {
        return new Picture(fileName, title, png(width, height, seed));
    }
}
