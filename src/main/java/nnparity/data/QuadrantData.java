package nnparity.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The tutorial's task: which quadrant does a point lie in? Class 0..3 stands for quadrant I..IV:
 *
 * <pre>
 *        II (1) │  I (0)
 *      ─────────┼─────────     I: x &gt; 0, y &gt; 0    II: x &lt; 0, y &gt; 0
 *       III (2) │ IV (3)     III: x &lt; 0, y &lt; 0    IV: x &gt; 0, y &lt; 0
 * </pre>
 */
public final class QuadrantData implements LabelledData {
    /** Roman numerals for classes 0..3. */
    public static final String[] NAMES = {"I", "II", "III", "IV"};
    /** Random points keep at least this distance from both axes, so every label is unambiguous. */
    public static final double AXIS_MARGIN = 0.1;
    /** Random points are drawn from [-RANGE, RANGE]². */
    public static final double RANGE = 2.0;

    private final String name;
    private final double[][] points;
    private final int[] labels;

    private QuadrantData(String name, double[][] points) {
        this.name = name;
        this.points = points;
        this.labels = new int[points.length];
        for (int i = 0; i < points.length; i++) labels[i] = quadrantOf(points[i][0], points[i][1]);
    }

    /** The tutorial's four points: (1,1) → I, (-1,1) → II, (-1,-1) → III, (1,-1) → IV. */
    public static QuadrantData tutorial() {
        return new QuadrantData("quadrants, the tutorial's 4 points",
                new double[][]{{1, 1}, {-1, 1}, {-1, -1}, {1, -1}});
    }

    /** {@code n} points uniform in [-2, 2]², redrawn while closer than {@link #AXIS_MARGIN} to an axis. */
    public static QuadrantData random(int n, long seed) {
        if (n < 1) throw new IllegalArgumentException("--points " + n + " is invalid; it must be ≥ 1");
        return new QuadrantData(String.format(Locale.ROOT, "quadrants, %d random points (seed %d)", n, seed), randomPoints(n, new Random(seed)));
    }

    /**
     * The next {@code n} points of {@code rnd}, each uniform in [-2, 2]² and redrawn while closer
     * than {@link #AXIS_MARGIN} to an axis: {x, y} per point. Shared by the tasks on random points.
     */
    public static double[][] randomPoints(int n, Random rnd) {
        double[][] p = new double[n][];
        for (int i = 0; i < n; i++) {
            double x, y;
            do {
                x = (rnd.nextDouble() * 2 - 1) * RANGE;
                y = (rnd.nextDouble() * 2 - 1) * RANGE;
            } while (Math.abs(x) < AXIS_MARGIN || Math.abs(y) < AXIS_MARGIN);
            p[i] = new double[]{x, y};
        }
        return p;
    }

    /**
     * Held-out points for measuring agreement on data neither net saw: the 8×8 grid
     * {-1.75, -1.25, …, 1.75}², none on an axis.
     */
    public static List<double[]> heldOutGrid() {
        List<double[]> grid = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            for (int j = 0; j < 8; j++) grid.add(new double[]{-1.75 + 0.5 * j, 1.75 - 0.5 * i});
        }
        return grid;
    }

    /**
     * The quadrant class of (x, y). A point on an axis belongs to no quadrant; by convention
     * x = 0 counts as right and y = 0 as up, so (0, 0) is I.
     */
    public static int quadrantOf(double x, double y) {
        boolean right = x >= 0, up = y >= 0;
        return up ? (right ? 0 : 1) : (right ? 3 : 2);
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
    @Override public int nClasses() { return 4; }
    @Override public int label(int i) { return labels[i]; }

    @Override
    public void copyFeatures(int i, double[] dst, int offset) {
        dst[offset] = points[i][0];
        dst[offset + 1] = points[i][1];
    }
}
