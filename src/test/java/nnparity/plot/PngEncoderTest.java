package nnparity.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.HexFormat;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

/** The PNG encoder: the bytes of the format, and lossless as another decoder (ImageIO's) reads them. */
class PngEncoderTest {

    /**
     * A 2×2 image (0x102030, red; green, blue) as python3 writes it from the PNG specification:
     * signature; IHDR 2, 2, 8, 2, 0, 0, 0; IDAT zlib.compress(rows each led by filter byte 0, level 4);
     * IEND; each chunk with its zlib.crc32.
     */
    private static final String TWO_BY_TWO = "89504e470d0a1a0a0000000d4948445200000002000000020802000000fdd49a73"
            + "0000001249444154785e63105030f8cf000420e23f00145e035ec7c4fbec0000000049454e44ae426082";

    @Test
    void aTwoByTwoImageIsTheBytesPythonWritesFromTheSpecification() {
        BufferedImage img = new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, 0x102030);
        img.setRGB(1, 0, 0xff0000);
        img.setRGB(0, 1, 0x00ff00);
        img.setRGB(1, 1, 0x0000ff);
        assertEquals(TWO_BY_TWO, HexFormat.of().formatHex(PngEncoder.encode(img)));
    }

    @Test
    void anotherDecoderReadsBackEveryPixelOfEveryKindOfImage() throws IOException {
        for (int type : new int[]{BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_3BYTE_BGR, BufferedImage.TYPE_INT_ARGB}) {
            BufferedImage img = new BufferedImage(37, 23, type);
            for (int y = 0; y < 23; y++) for (int x = 0; x < 37; x++) img.setRGB(x, y, 0xff000000 | (x * 7) << 16 | (y * 11) << 8 | (x * y) & 0xff);
            BufferedImage back = ImageIO.read(new ByteArrayInputStream(PngEncoder.encode(img)));
            assertEquals(37, back.getWidth());
            assertEquals(23, back.getHeight());
            for (int y = 0; y < 23; y++) for (int x = 0; x < 37; x++)
                assertEquals(img.getRGB(x, y) & 0xffffff, back.getRGB(x, y) & 0xffffff, "type " + type + " at " + x + "," + y);
        }
    }

    @Test
    void aSubimageIsEncodedAsItsOwnPixels() throws IOException {
        BufferedImage img = new BufferedImage(10, 10, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 10; y++) for (int x = 0; x < 10; x++) img.setRGB(x, y, x * 16 << 8 | y * 16);
        BufferedImage sub = img.getSubimage(3, 4, 5, 2);
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(PngEncoder.encode(sub)));
        assertEquals(5, back.getWidth());
        assertEquals(2, back.getHeight());
        assertEquals(3 * 16 << 8 | 4 * 16, back.getRGB(0, 0) & 0xffffff);
        assertEquals(7 * 16 << 8 | 5 * 16, back.getRGB(4, 1) & 0xffffff);
    }

    @Test
    void theSamePixelsGiveTheSameBytes() {
        BufferedImage a = Charts.canvas(300, 200), b = Charts.canvas(300, 200);
        Charts.heading(a, "same", 100);
        Charts.heading(b, "same", 100);
        assertArrayEquals(PngEncoder.encode(a), PngEncoder.encode(b));
    }
}
