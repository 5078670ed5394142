package nnparity.dl4j;

import java.util.Objects;

import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.annotation.JsonIgnoreProperties;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * DL4J's inverted dropout with masks drawn elsewhere: an {@link IDropout} that does exactly what
 * DL4J 1.0.0-M2.1's stock {@code Dropout(p)} does, except that the keep/drop decisions come from
 * a {@link Masks} source (the harness's, shared with the hand-written net) instead of ND4J's RNG.
 *
 * <pre>
 *   applyDropout   output = input ⊙ (m / p)           m ∈ {0, 1} from the source; [batch, n]
 *   backprop       gradAtInput = gradAtOutput ⊙ (m / p)   the mask of the last applyDropout
 * </pre>
 *
 * Stock {@code Dropout.applyDropout} fills a mask with ones, runs ND4J's {@code DropOutInverted}
 * on it (each element becomes 0, or 1/p with probability p), multiplies the input by it
 * ({@code MulOp}), and keeps it until {@code backprop}, which multiplies the gradient by the same
 * mask and clears it. This class differs only in how the 0/1 pattern is drawn; the scaling (×1/p),
 * the place (DL4J calls {@code applyDropout} from {@code AbstractLayer.applyDropOutIfNecessary},
 * on the layer's input, only in training) and the backward pass (DL4J calls {@code backprop} from
 * {@code backpropDropOutIfPresent} on the layer's ε to the layer below) stay DL4J's own. A
 * statistical test of stock {@code Dropout(p)} shows that its masks keep a fraction p of units and
 * scale each kept one by exactly 1/p, which is what this class applies.
 *
 * <p>The mask is chosen by {@code (layer, iteration)}, where iteration is the one DL4J passes in,
 * the layer's iteration count (the number of {@code fit} updates so far). The lockstep runs the
 * forward pass twice per step, in {@code computeGradientAndScore()} and again inside
 * {@code fit(x, y)}; both see the same iteration, so both apply the same mask.
 *
 * <p><b>Cloning and JSON.</b> DL4J clones each layer's configuration, and its IDropout with it,
 * when it builds and when it clones a network; {@link #clone()} keeps the same source, so every
 * copy draws the same masks. JSON ({@code conf.toJson()}) writes the layer and p only: a mask
 * source is a live object of the harness, not configuration. A configuration read back from that
 * JSON holds a SharedMaskDropout without a source, which refuses to train with a message saying so.
 * Nothing in this project serializes the lockstep's network; an exported configuration uses stock
 * {@code Dropout(p)} ({@link Dl4jNets#configuration(nnparity.spec.NetSpec)}).
 */
@JsonIgnoreProperties({"masks", "mask"})
public final class SharedMaskDropout implements IDropout {
    private static final long serialVersionUID = 1L;

    /**
     * The masks: {@code keep(layer, iteration, rows, cols)} gives rows·cols values, row-major, each
     * 0 or 1, for the input [rows, cols] of dense layer {@code layer} (1-based) at DL4J iteration
     * {@code iteration}; the same arguments always give the same mask.
     */
    @FunctionalInterface
    public interface Masks {
        double[] keep(int layer, int iteration, int rows, int cols);
    }

    @JsonProperty("layer")
    private final int layer;
    @JsonProperty("keepProb")
    private final double keepProb;
    private final transient Masks masks;
    /** m / p of the last applyDropout, until backprop. */
    private transient INDArray mask;

    /**
     * @param layer    the dense layer (1-based, as in W1) whose input this drops: the key of its masks
     * @param keepProb p, the probability of keeping a unit, in (0, 1]
     * @param masks    the source of the masks
     */
    public SharedMaskDropout(int layer, double keepProb, Masks masks) {
        if (!(keepProb > 0 && keepProb <= 1))
            throw new IllegalArgumentException("keep probability " + keepProb + " is invalid; it must be in (0, 1] (1 = no dropout)");
        if (layer < 1) throw new IllegalArgumentException("layer " + layer + " is invalid; dense layers count from 1");
        this.layer = layer;
        this.keepProb = keepProb;
        this.masks = masks;
    }

    /** For JSON: the configuration without its (live, harness-owned) mask source; refuses to train. */
    private SharedMaskDropout(@JsonProperty("layer") int layer, @JsonProperty("keepProb") double keepProb) {
        this(layer, keepProb, null);
    }

    @Override
    public INDArray applyDropout(INDArray inputActivations, INDArray output, int iteration, int epoch, LayerWorkspaceMgr workspaceMgr) {
        if (masks == null)
            throw new IllegalStateException(this + " has no mask source (read back from JSON?): give it one, or use Dropout(" + keepProb + ")");
        if (inputActivations.rank() != 2)
            throw new IllegalArgumentException("dropout on a dense layer's input [batch, n]; got shape " + java.util.Arrays.toString(inputActivations.shape()));
        int rows = (int) inputActivations.size(0), cols = (int) inputActivations.size(1);
        double[] keep = masks.keep(layer, iteration, rows, cols);
        if (keep.length != rows * cols)
            throw new IllegalStateException("mask of " + keep.length + " values for an input [" + rows + ", " + cols + "] of layer " + layer);
        double scale = 1 / keepProb;               // stock: DropOutInverted turns a 1 into 1/p
        double[] scaled = new double[keep.length];
        for (int i = 0; i < keep.length; i++) {
            if (keep[i] != 0 && keep[i] != 1)
                throw new IllegalStateException("mask value " + keep[i] + " at " + i + " of layer " + layer + "; a mask holds only 0 and 1");
            scaled[i] = keep[i] * scale;
        }
        // outside any workspace: the mask must live until backprop, like stock's INPUT-workspace mask
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            mask = Nd4j.create(scaled, new long[]{rows, cols}, 'c').castTo(output.dataType()).dup(output.ordering());
        }
        INDArray in = inputActivations;
        if (in != output && in.dataType() != output.dataType()) in = in.castTo(output.dataType());
        Nd4j.getExecutioner().exec(new MulOp(in, mask, output));
        return output;
    }

    @Override
    public INDArray backprop(INDArray gradAtOutput, INDArray gradAtInput, int iteration, int epoch) {
        if (mask == null) throw new IllegalStateException("dropout backprop without a mask (no training forward pass before it)");
        INDArray m = mask.dataType() == gradAtInput.dataType() ? mask : mask.castTo(gradAtInput.dataType());
        Nd4j.getExecutioner().exec(new MulOp(gradAtOutput, m, gradAtInput));
        mask = null;
        return gradAtInput;
    }

    @Override
    public void clear() {
        mask = null;
    }

    /** The same layer, p and mask source; no mask in flight. */
    @Override
    public SharedMaskDropout clone() {
        return new SharedMaskDropout(layer, keepProb, masks);
    }

    public int layer() {
        return layer;
    }

    public double keepProb() {
        return keepProb;
    }

    /** Equal configurations: the same layer and p (the mask source is not configuration). */
    @Override
    public boolean equals(Object o) {
        return o instanceof SharedMaskDropout s && s.layer == layer && s.keepProb == keepProb;
    }

    @Override
    public int hashCode() {
        return Objects.hash(layer, keepProb);
    }

    /** E.g. {@code SharedMaskDropout(layer=2, keep=0.8)}. */
    @Override
    public String toString() {
        return "SharedMaskDropout(layer=" + layer + ", keep=" + keepProb + ")";
    }
}
