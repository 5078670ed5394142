package nnparity.data;

import java.util.Locale;
import java.util.Random;

/**
 * The XOR task: do x and y have the same sign? Two classes, which no straight line separates:
 *
 * <pre>
 *      opposite (1) │ same (0)
 *      ─────────────┼─────────────     class 0 "same":     x·y &gt; 0 (quadrants I and III)
 *          same (0) │ opposite (1)     class 1 "opposite": x·y &lt; 0 (quadrants II and IV)
 * </pre>
 *
 * A linear classifier draws one line. On XOR's four corner points the best line gets 3 of 4 (75%);
 * on points uniform in the square it gets 2/3 (the line x + y = 4/3 or a mirror image of it, the
 * optimum of 8 + 4c − 1.5c² out of 16 for x + y = c), 69.0% of the held-out set for seed 42 by brute
 * force. A hidden layer with a nonlinearity can bend the boundary along both axes and reach ~100%.
 * This is the tutorial's argument for an activation layer, made measurable.
 *
 * <p>Points are uniform in [-2, 2]², at least {@link QuadrantData#AXIS_MARGIN} from both axes
 * (drawn as {@link QuadrantData#randomPoints}). One {@code java.util.Random(seed)} stream gives
 * first the {@link #HELD_OUT} held-out points and then the training points, so the held-out set
 * does not depend on how many training points are asked for, and shares no draw with them.
 */
public final class XorData implements LabelledData {
    /** Class names for class 0 (same sign) and 1 (opposite signs). */
    public static final String[] NAMES = {"same", "opposite"};
    /** Training points when {@code --points} is not given. */
    public static final int DEFAULT_POINTS = 500;
    /** Size of the held-out set. */
    public static final int HELD_OUT = 1000;

    private final String name;
    private final double[][] points;

    private XorData(String name, double[][] points) {
        this.name = name;
        this.points = points;
    }

    /** {@code n} training points for {@code seed}: the draws after the held-out set's. */
    public static XorData training(int n, long seed) {
        if (n < 1) throw new IllegalArgumentException("--points " + n + " is invalid; it must be ≥ 1");
        Random rnd = new Random(seed);
        QuadrantData.randomPoints(HELD_OUT, rnd);
        return new XorData(String.format(Locale.ROOT,
                "xor, do x and y have the same sign? 2 classes (same | opposite), not linearly separable; %d random training points in [-2,2]² (seed %d)",
                n, seed), QuadrantData.randomPoints(n, rnd));
    }

    /** The {@link #HELD_OUT} held-out points for {@code seed}: the first draws of its stream. */
    public static XorData heldOut(long seed) {
        return new XorData(String.format(Locale.ROOT, "xor, %d held-out points (seed %d)", HELD_OUT, seed),
                QuadrantData.randomPoints(HELD_OUT, new Random(seed)));
    }

    /**
     * The class of (x, y): 0 when x and y have the same sign, 1 when they differ, i.e. the XOR of
     * "x &lt; 0" and "y &lt; 0". On an axis, as for {@link QuadrantData#quadrantOf}, x = 0 counts as
     * positive and y = 0 too.
     */
    public static int classOf(double x, double y) {
        return (x < 0) != (y < 0) ? 1 : 0;
    }

    /** The points, one {x, y} per example (a copy). */
    public double[][] points() {
        double[][] c = new double[points.length][];
        for (int i = 0; i < c.length; i++) c[i] = points[i].clone();
        return c;
    }

    @Override public String name() { return name; }
    @Override public int size() { return points.length; }
    @Override public int nFeatures() { return 2; }
    @Override public int nClasses() { return 2; }
    @Override public int label(int i) { return classOf(points[i][0], points[i][1]); }

    @Override
    public void copyFeatures(int i, double[] dst, int offset) {
        dst[offset] = points[i][0];
        dst[offset + 1] = points[i][1];
    }
}
