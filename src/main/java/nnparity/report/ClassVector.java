package nnparity.report;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One net's whole output for one input, class by class, as the tutorial reads softmax's output
 * ("(90%, 5%, 2%, 3%)"): e.g. {@code I 99.9983%  II 0.0012%  III 0.0000%  IV 0.0006%}.
 *
 * <pre>
 *   v [nClasses]  →  "name_0 v_0  name_1 v_1  …"     two spaces between classes
 *   probabilities:  100·v_k with 4 decimals and %   (softmax outputs; 1e-6 is the smallest step shown)
 *   otherwise:      v_k with 4 decimals             (an identity or sigmoid output layer is no distribution)
 * </pre>
 *
 * Four decimals of a percentage keep a trained net's small probabilities visible (0.0012%) where
 * one decimal would print 100.0% and 0.0% for all of them.
 */
public final class ClassVector {
    private ClassVector() {
    }

    /**
     * @param names one name per class, e.g. {@code I, II, III, IV}
     * @param v     the output, one value per class
     * @throws IllegalArgumentException if the two lengths differ
     */
    public static String of(List<String> names, double[] v, boolean probabilities) {
        Objects.requireNonNull(names, "names");
        Objects.requireNonNull(v, "v");
        if (names.size() != v.length)
            throw new IllegalArgumentException(v.length + " outputs for " + names.size() + " class names; there must be one name per output");
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < v.length; k++) {
            if (k > 0) b.append("  ");
            b.append(names.get(k)).append(' ');
            b.append(probabilities ? String.format(Locale.ROOT, "%.4f%%", 100 * v[k]) : String.format(Locale.ROOT, "%.4f", v[k]));
        }
        return b.toString();
    }
}
