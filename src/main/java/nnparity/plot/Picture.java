package nnparity.plot;

import java.util.Arrays;
import java.util.Objects;

/**
 * One finished picture of a run: the PNG's bytes, the file name it is written under
 * ({@code --plots DIR}) and the caption it carries in the HTML report ({@code --html FILE}).
 *
 * @param fileName a plain file name ending in {@code .png}, e.g. {@code loss.png}
 * @param title    a one-line caption, e.g. {@code Loss per step, both sides}
 * @param png      the encoded PNG image
 */
public record Picture(String fileName, String title, byte[] png) {

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    public Picture {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(png, "png");
        if (!fileName.matches("[A-Za-z0-9][A-Za-z0-9._-]*\\.png"))
            throw new IllegalArgumentException("a picture's file name is a plain name ending in .png, not " + fileName);
        if (png.length < PNG_SIGNATURE.length || !Arrays.equals(png, 0, PNG_SIGNATURE.length, PNG_SIGNATURE, 0, PNG_SIGNATURE.length))
            throw new IllegalArgumentException(fileName + " is not a PNG image (no PNG signature)");
        png = png.clone();
    }

    /** The PNG's bytes (a copy: a picture never changes once made). */
    @Override
    public byte[] png() {
        return png.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Picture p && fileName.equals(p.fileName) && title.equals(p.title) && Arrays.equals(png, p.png);
    }

    @Override
    public int hashCode() {
        return Objects.hash(fileName, title, Arrays.hashCode(png));
    }

    @Override
    public String toString() {
        return "Picture(" + fileName + ", \"" + title + "\", " + png.length + " bytes)";
    }
}
