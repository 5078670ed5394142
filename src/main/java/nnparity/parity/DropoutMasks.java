package nnparity.parity;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import nnparity.dl4j.SharedMaskDropout;
import nnparity.scratch.MaskSource;
import nnparity.spec.LayerSpec;
import nnparity.spec.NetSpec;

/**
 * The dropout masks of a lockstep run, drawn in the harness from the shared seed and handed to
 * both sides: to the hand-written {@link nnparity.scratch.Dropout} as a {@link MaskSource}, and to
 * DL4J's {@link SharedMaskDropout} as its {@link SharedMaskDropout.Masks}. So both drop the same
 * units at every step.
 *
 * <p>One mask per (dense layer, iteration), each element independently Bernoulli(p) with p the
 * layer's keep probability: 1 = keep, 0 = drop. The iteration is DL4J's iteration count, the
 * number of updates done before the step (step s of the lockstep, 1-based, is iteration s − 1).
 *
 * <h2>The random numbers (deterministic: same seed, layer, iteration and shape → same mask)</h2>
 * SplitMix64 (Steele, Lea and Flood 2014), written out here so any other implementation can
 * reproduce a mask bit for bit:
 * <pre>
 *   mix(z)     = z ← (z ⊕ (z ≫ 30)) · 0xBF58476D1CE4E5B9;  z ← (z ⊕ (z ≫ 27)) · 0x94D049BB133111EB;  z ⊕ (z ≫ 31)
 *                (64-bit unsigned arithmetic, ≫ logical)
 *   state₀     = mix(mix(mix(seed ⊕ 0x44524F504F555421) + layer) + iteration)      ("DROPOUT!" in ASCII)
 *   next()     = state ← state + 0x9E3779B97F4A7C15;  mix(state)
 *   u_i        = (next() ≫ 11) · 2⁻⁵³                  uniform in [0, 1), one per element, row-major
 *   m_i        = u_i &lt; p ? 1 : 0                        so P(m_i = 1) = p (to 2⁻⁵³)
 * </pre>
 * The salt keeps the masks independent of the other uses of the seed (the weights' draw).
 */
public final class DropoutMasks implements MaskSource, SharedMaskDropout.Masks {
    private static final long SALT = 0x44524F504F555421L;
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private final long seed;
    private final double[] keepProb;
    private final int frozenAt;
    /** The last mask handed out per layer: each is asked for 3 times per lockstep step (scratch once, DL4J twice). */
    private final Map<Integer, Cached> last = new HashMap<>();

    private record Cached(int iteration, int rows, int cols, double[] mask) {
    }

    /**
     * @param seed     the run's seed
     * @param keepProb p of dense layer k at index k − 1 (1.0 where a layer has no dropout)
     * @throws IllegalArgumentException if some p is not in (0, 1]
     */
    public DropoutMasks(long seed, double[] keepProb) {
        this(seed, keepProb, -1);
    }

    private DropoutMasks(long seed, double[] keepProb, int frozenAt) {
        for (int k = 0; k < keepProb.length; k++) {
            if (!(keepProb[k] > 0 && keepProb[k] <= 1))
                throw new IllegalArgumentException("keep probability " + keepProb[k] + " of layer " + (k + 1)
                        + " is invalid; it must be in (0, 1] (1 = no dropout)");
        }
        this.seed = seed;
        this.keepProb = keepProb.clone();
        this.frozenAt = frozenAt;
    }

    /** The masks of a run of {@code spec}: its seed, each dense layer's keep probability. */
    public static DropoutMasks of(NetSpec spec) {
        return new DropoutMasks(spec.seed(), spec.layers().stream().mapToDouble(LayerSpec::keepProb).toArray());
    }

    /**
     * The same masks with the iteration fixed: every call gets iteration {@code iteration}'s
     * mask, whatever iteration it asks for. For gradient checks, where the loss must be one
     * deterministic function of the parameters.
     */
    public DropoutMasks frozenAt(int iteration) {
        if (iteration < 0) throw new IllegalArgumentException("iteration " + iteration + " is invalid; it must be ≥ 0");
        return new DropoutMasks(seed, keepProb, iteration);
    }

    /** p of dense layer {@code layer} (1-based). */
    public double keepProb(int layer) {
        checkLayer(layer);
        return keepProb[layer - 1];
    }

    /** Synchronized: side by side ({@link Sides#SIDE_BY_SIDE}) both nets ask at the same time. */
    @Override
    public synchronized double[] keep(int layer, int iteration, int rows, int cols) {
        checkLayer(layer);
        if (iteration < 0) throw new IllegalArgumentException("iteration " + iteration + " is invalid; it must be ≥ 0");
        if (rows < 1 || cols < 1) throw new IllegalArgumentException("mask shape [" + rows + ", " + cols + "] is invalid");
        int it = frozenAt >= 0 ? frozenAt : iteration;
        Cached c = last.get(layer);
        if (c != null && c.iteration == it && c.rows == rows && c.cols == cols) return c.mask;
        double[] m = draw(seed, layer, it, rows * cols, keepProb[layer - 1]);
        last.put(layer, new Cached(it, rows, cols, m));
        return m;
    }

    /** The mask of {@code n} elements for (seed, layer, iteration) at keep probability p: the recipe above. */
    static double[] draw(long seed, int layer, int iteration, int n, double p) {
        long state = mix(mix(mix(seed ^ SALT) + layer) + iteration);
        double[] m = new double[n];
        for (int i = 0; i < n; i++) {
            state += GOLDEN;
            double u = (mix(state) >>> 11) * 0x1.0p-53;
            m[i] = u < p ? 1 : 0;
        }
        return m;
    }

    /** SplitMix64's finalizer (Stafford's variant 13). */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private void checkLayer(int layer) {
        if (layer < 1 || layer > keepProb.length)
            throw new IllegalArgumentException("layer " + layer + " is invalid; this net has dense layers 1.." + keepProb.length);
    }

    /** E.g. {@code DropoutMasks(seed=42, keep=[1.0, 0.8, 0.8])}. */
    @Override
    public String toString() {
        return "DropoutMasks(seed=" + seed + ", keep=" + Arrays.toString(keepProb) + (frozenAt >= 0 ? ", frozen at iteration " + frozenAt : "") + ")";
    }
}
