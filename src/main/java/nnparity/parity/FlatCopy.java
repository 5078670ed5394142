package nnparity.parity;

import java.nio.DoubleBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import nnparity.dl4j.ParamBridge;
import nnparity.spec.BatchNormParams;
import nnparity.spec.DenseParams;
import nnparity.spec.ParamSet;

/**
 * DL4J's parameters or mean gradient, copied out of its flat vector in one bulk copy and kept in
 * DL4J's own order, with a map ({@link Slot}) of where each canonical array lies in it. The copy
 * holds the canonical values, bit for bit what {@link ParamBridge#read} and
 * {@link ParamBridge#gradient} give, without their per-array {@code dup} and copies:
 *
 * <pre>
 *   values = [ DL4J's flat vector (0_W 'f', 0_b, 1_W, …) | zeros ]
 *   W_k[i, j] = values[offset + i·rowStride + j·colStride]      strides of DL4J's own view, 'f' for W
 *   gradient: each value / N (miniBatch) as DL4J's updater divides; a batch norm's mean and var 0 (the zeros)
 *   parameters: a batch norm's var = (10^s)² where DL4J keeps s = log10(std)
 * </pre>
 *
 * {@link #diff} compares the copy with the hand-written net's canonical arrays in place, giving
 * what {@link ParamDiff#of} gives for the canonical sets; {@link #gatherInto} and
 * {@link #scatterFrom} convert to and from the canonical layout for the rare reader that needs it.
 * One copy is refilled at every step; nothing is allocated then but the small map.
 */
final class FlatCopy {
    /** A canonical array [rows, cols], row-major, whose element [i, j] lies at {@code offset + i·rowStride + j·colStride}. */
    record Slot(int offset, int rows, int cols, int rowStride, int colStride) {
        int size() {
            return rows * cols;
        }
    }

    private double[] values = new double[0];
    /** Where each canonical array lies, canonical order: W1, b1, [gamma1, beta1, mean1, var1,] W2, b2, … */
    private List<Slot> slots = List.of();

    /** Refills the copy with {@code net}'s parameters, what {@link ParamBridge#read} gives. */
    void readParams(MultiLayerNetwork net) {
        INDArray flat = net.params();
        ParamBridge.Layout layout = ParamBridge.Layout.of(net);
        List<Slot> s = new ArrayList<>();
        List<Slot> logStd = new ArrayList<>();
        for (int k = 0; k < layout.dense().length; k++) {
            int l = layout.dense()[k];
            s.add(slot(net.getParam(l + "_W")));
            s.add(slot(net.getParam(l + "_b")));
            Integer bn = layout.batchNorm().get(k + 1);
            if (bn == null) continue;
            boolean log = ((BatchNormalization) net.getLayerWiseConfigurations().getConf(bn).getLayer()).isUseLogStd();
            s.add(slot(net.getParam(bn + "_gamma")));
            s.add(slot(net.getParam(bn + "_beta")));
            s.add(slot(net.getParam(bn + "_mean")));
            Slot var = slot(net.getParam(bn + (log ? "_log10stdev" : "_var")));
            s.add(var);
            if (log) logStd.add(var);
        }
        copy(flat, 0);
        for (Slot v : logStd) {
            for (int j = 0; j < v.cols(); j++) {
                int at = v.offset() + j * v.colStride();
                double std = Math.pow(10.0, values[at]);   // as ParamBridge.read: var = (10^s)²
                values[at] = std * std;
            }
        }
        slots = s;
    }

    /**
     * Refills the copy with DL4J's gradient of the last backward pass, each value divided by
     * {@code divisor} (the batch size with miniBatch, else 1), as {@link ParamBridge#gradient}
     * gives it: a batch norm's mean and var 0.
     */
    void readGradient(MultiLayerNetwork net, double divisor) {
        INDArray flat = net.getGradientsViewArray();
        Gradient g = net.gradient();
        ParamBridge.Layout layout = ParamBridge.Layout.of(net);
        List<Slot> s = new ArrayList<>();
        int n = (int) flat.length(), zeros = 0;
        for (int k = 0; k < layout.dense().length; k++) {
            int l = layout.dense()[k];
            s.add(slot(g.getGradientFor(l + "_W")));
            s.add(slot(g.getGradientFor(l + "_b")));
            Integer bn = layout.batchNorm().get(k + 1);
            if (bn == null) continue;
            Slot gamma = slot(g.getGradientFor(bn + "_gamma"));
            s.add(gamma);
            s.add(slot(g.getGradientFor(bn + "_beta")));
            int units = gamma.cols();
            s.add(new Slot(n + zeros, 1, units, 0, 1));           // mean: zeros after the flat vector
            s.add(new Slot(n + zeros + units, 1, units, 0, 1));   // var
            zeros += 2 * units;
        }
        copy(flat, zeros);
        if (divisor != 1) {
            for (int i = 0; i < n; i++) values[i] /= divisor;
        }
        slots = s;
    }

    /** {@code values} ← the flat vector in one bulk copy, then {@code zeros} zeros. */
    private void copy(INDArray flat, int zeros) {
        int n = (int) flat.length();
        if (flat.offset() != 0 || flat.elementWiseStride() != 1 || flat.data().length() != n)
            throw new IllegalStateException("DL4J's flat vector is not its whole buffer: " + flat.shapeInfoToString());
        int size = n + zeros;
        if (values.length != size) values = new double[size];
        if (flat.dataType() == DataType.DOUBLE) {
            DoubleBuffer from = flat.data().asNioDouble();
            from.get(values, 0, n);
        } else {   // a net held in float (the FLOAT pitfall): each value widened, as ParamBridge's asDouble does
            System.arraycopy(flat.data().asDouble(), 0, values, 0, n);
        }
        Arrays.fill(values, n, size, 0);   // a test's scatterFrom may have written there
    }

    /**
     * Where {@code view}, a [rows, cols] or [n] view into DL4J's flat vector, lies in it: the flat
     * vector is its buffer from the start ({@link #copy} checks), so the view's offset is its place.
     */
    private static Slot slot(INDArray view) {
        int offset = (int) view.offset();
        if (view.rank() == 1) return new Slot(offset, 1, (int) view.size(0), 0, (int) view.stride(0));
        return new Slot(offset, (int) view.size(0), (int) view.size(1), (int) view.stride(0), (int) view.stride(1));
    }

    /** The canonical arrays of {@code p} in the order of {@link #slots}. */
    private List<double[]> arrays(ParamSet p) {
        List<double[]> out = new ArrayList<>(slots.size());
        for (int k = 0; k < p.layers().size(); k++) {
            DenseParams d = p.layers().get(k);
            out.add(d.w());
            out.add(d.b());
            BatchNormParams bn = p.batchNorm(k + 1);
            if (bn != null) out.addAll(Arrays.asList(bn.arrays()));
        }
        if (out.size() != slots.size())
            throw new IllegalStateException("parameters of " + out.size() + " arrays do not fit DL4J's " + slots.size());
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i).length != slots.get(i).size())
                throw new IllegalStateException("array " + (i + 1) + " in canonical order has " + slots.get(i).size()
                        + " values in DL4J, " + out.get(i).length + " canonical ones");
        }
        return out;
    }

    /** Writes the copy into {@code dst}, canonical layout and shaped like it. */
    void gatherInto(ParamSet dst) {
        List<double[]> to = arrays(dst);
        for (int s = 0; s < slots.size(); s++) {
            Slot v = slots.get(s);
            double[] a = to.get(s);
            for (int i = 0; i < v.rows(); i++) {
                for (int j = 0; j < v.cols(); j++) a[i * v.cols() + j] = values[v.offset() + i * v.rowStride() + j * v.colStride()];
            }
        }
    }

    /** The copy in the canonical layout, a new {@link ParamSet} shaped like {@code like}. */
    ParamSet canonical(ParamSet like) {
        ParamSet p = like.copy();
        gatherInto(p);
        return p;
    }

    /** Overwrites the copy with {@code src} (canonical layout): e.g. a test's tampered gradient. */
    void scatterFrom(ParamSet src) {
        List<double[]> from = arrays(src);
        for (int s = 0; s < slots.size(); s++) {
            Slot v = slots.get(s);
            double[] a = from.get(s);
            for (int i = 0; i < v.rows(); i++) {
                for (int j = 0; j < v.cols(); j++) values[v.offset() + i * v.rowStride() + j * v.colStride()] = a[i * v.cols() + j];
            }
        }
    }

    /**
     * {@link ParamDiff#of}{@code (scratch, this copy, tol, step, phase)}, comparing in place:
     * the same max |Δ| over every element, and, if {@code wantFirst}, the same first element
     * beyond {@code tol} in canonical order (else null).
     *
     * <p>A first pass takes m = max |a − b| alone, a tight loop in tiles that read both layouts in
     * order. If m ≤ tol, that is the answer: every |Δ| is at most tol, and so is every
     * {@link Tolerances#scaledDiff} (|Δ| divided by at least 1), and no element was NaN or an
     * infinity (which make m NaN). Otherwise a second pass computes both exactly as
     * {@link ParamDiff} does, and only when some element is beyond the tolerance is the canonical
     * order walked to name the first.
     */
    ParamDiff diff(ParamSet scratch, double tol, long step, Phase phase, boolean wantFirst) {
        List<double[]> own = arrays(scratch);
        double m = 0;
        for (int s = 0; s < slots.size(); s++) m = Math.max(m, maxAbsDiff(slots.get(s), own.get(s)));
        if (m <= tol) return new ParamDiff(m, null);
        double max = 0;
        boolean over = false;
        for (int s = 0; s < slots.size(); s++) {
            Slot v = slots.get(s);
            double[] a = own.get(s);
            for (int i = 0; i < v.rows(); i++) {
                for (int j = 0; j < v.cols(); j++) {
                    double x = a[i * v.cols() + j], y = values[v.offset() + i * v.rowStride() + j * v.colStride()];
                    if (x == y) continue;   // |Δ| 0, equal infinities included: changes neither the max nor the verdict
                    double d = Math.abs(x - y);
                    max = Math.max(max, d);   // NaN stays NaN, as ParamDiff's
                    if (!Tolerances.within(Tolerances.scaledDiff(x, y), tol)) over = true;
                }
            }
        }
        Divergence first = over && wantFirst ? ParamDiff.of(scratch, canonical(scratch), tol, step, phase).firstOver() : null;
        return new ParamDiff(max, first);
    }

    /** Tile width: one 64-byte cache line of a row-major array. */
    private static final int TILE = 8;

    /**
     * max |a − values| over slot {@code v}, NaN if any difference is (equal infinities included).
     * The slot is walked in tiles of {@link #TILE} columns, row by row within a tile, so that a
     * column-major slot (DL4J's W) and the row-major canonical array are both read a cache line at
     * a time. A maximum does not depend on the order it is taken in (NaN stays NaN in any order).
     */
    private double maxAbsDiff(Slot v, double[] a) {
        int rows = v.rows(), cols = v.cols(), rs = v.rowStride(), cs = v.colStride(), off = v.offset();
        double m = 0;
        for (int j0 = 0; j0 < cols; j0 += TILE) {
            int j1 = Math.min(cols, j0 + TILE);
            for (int i = 0; i < rows; i++) {
                int row = i * cols, at = off + i * rs;
                for (int j = j0; j < j1; j++) m = Math.max(m, Math.abs(a[row + j] - values[at + j * cs]));
            }
        }
        return m;
    }
}
