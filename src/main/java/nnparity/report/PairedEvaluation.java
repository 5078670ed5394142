package nnparity.report;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import nnparity.data.LabelledData;
import nnparity.parity.Predictions;
import nnparity.parity.Side;

/**
 * Both nets evaluated on one labelled set with DL4J's own {@link Evaluation}: the DL4J net's
 * probabilities and the hand-written net's alike, each wrapped as an {@code INDArray} and fed to
 * its own {@code Evaluation}, so accuracy and the confusion matrix come from the tool a DL4J user
 * reaches for, for both sides. Per example it also compares the two nets directly:
 *
 * <pre>
 *   agree         #{i : argmax p_hand(i) = argmax p_DL4J(i)}          (ties: the lowest class)
 *   maxAbsProb    max over i, k of |p_hand(i,k) − p_DL4J(i,k)|       (NaN if either side is NaN)
 * </pre>
 *
 * The set is visited in chunks of {@link #CHUNK} examples: each chunk's bytes are turned into one
 * {@code double[CHUNK · nIn]} that both nets read, so a 60,000 × 784 set never exists as doubles.
 * The two nets predict each chunk at the same time, the hand-written one on a helper thread, DL4J
 * on the caller's; each prediction depends on its own net and the chunk only, so the figures are
 * the same as one after the other, and the same for any chunk size (each row's probabilities are
 * computed from that row alone; measured bit for bit on Fashion-MNIST's test set, 1,000 against
 * 2,500, 5,000 and 10,000 rows).
 */
public final class PairedEvaluation {
    /**
     * Examples per forward pass: 5,000 × 784 doubles is 31 MB. Fewer, larger passes cost less per
     * example than 1,000 (DL4J's and {@code Evaluation}'s fixed cost per call).
     */
    public static final int CHUNK = 5000;

    private final Evaluation handWritten;
    private final Evaluation dl4j;
    private final int size;
    private final int agree;
    private final double maxAbsProbDiff;
    private final double[] probsHandWritten;
    private final double[] probsDl4j;
    private final double seconds;

    private PairedEvaluation(Evaluation handWritten, Evaluation dl4j, int size, int agree, double maxAbsProbDiff,
                             double[] probsHandWritten, double[] probsDl4j, double seconds) {
        this.handWritten = handWritten;
        this.dl4j = dl4j;
        this.size = size;
        this.agree = agree;
        this.maxAbsProbDiff = maxAbsProbDiff;
        this.probsHandWritten = probsHandWritten;
        this.probsDl4j = probsDl4j;
        this.seconds = seconds;
    }

    /**
     * Runs both nets forward over all of {@code data} (no training) and evaluates each.
     *
     * @param classNames        one name per class, used by {@link Evaluation#stats()}
     * @param keepProbabilities keep both nets' [n, nClasses] probabilities for {@link #predictions()};
     *                          80 bytes per example, so meant for a test set, not 60,000 images
     */
    public static PairedEvaluation of(LabelledData data, Side handWrittenNet, Side dl4jNet, List<String> classNames,
                                      boolean keepProbabilities) {
        int n = data.size(), nIn = data.nFeatures(), k = data.nClasses();
        if (classNames.size() != k)
            throw new IllegalArgumentException(classNames.size() + " class names for " + k + " classes");
        long t0 = System.nanoTime();
        Evaluation evalS = new Evaluation(classNames), evalD = new Evaluation(classNames);
        double[] keptS = keepProbabilities ? new double[n * k] : null, keptD = keepProbabilities ? new double[n * k] : null;
        double[] x = null, t = null;
        int agree = 0;
        double maxDiff = 0;
        ExecutorService helper = helper();
        try {
            for (int from = 0; from < n; from += CHUNK) {
                int rows = Math.min(CHUNK, n - from);
                if (x == null || x.length != rows * nIn) {
                    x = new double[rows * nIn];
                    t = new double[rows * k];
                } else {
                    Arrays.fill(t, 0);
                }
                for (int r = 0; r < rows; r++) {
                    data.copyFeatures(from + r, x, r * nIn);
                    t[r * k + data.label(from + r)] = 1;
                }
                double[] in = x;
                Future<double[]> handWritten = helper.submit(() -> handWrittenNet.predict(in, rows));
                double[] pd = dl4jNet.predict(x, rows), ps = join(handWritten);
                INDArray labels = Nd4j.create(t, new long[]{rows, k}, 'c');
                evalS.eval(labels, Nd4j.create(ps, new long[]{rows, k}, 'c'));
                evalD.eval(labels, Nd4j.create(pd, new long[]{rows, k}, 'c'));
                for (int r = 0; r < rows; r++) {
                    if (argmax(ps, r, k) == argmax(pd, r, k)) agree++;
                }
                for (int i = 0; i < ps.length; i++) {
                    double d = Math.abs(ps[i] - pd[i]);
                    maxDiff = Double.isNaN(d) || Double.isNaN(maxDiff) ? Double.NaN : Math.max(maxDiff, d);
                }
                if (keepProbabilities) {
                    System.arraycopy(ps, 0, keptS, from * k, ps.length);
                    System.arraycopy(pd, 0, keptD, from * k, pd.length);
                }
            }
        } finally {
            helper.shutdownNow();
        }
        return new PairedEvaluation(evalS, evalD, n, agree, maxDiff, keptS, keptD, (System.nanoTime() - t0) / 1e9);
    }

    /** A daemon thread for the hand-written net's predictions, so that it never keeps the JVM alive. */
    private static ExecutorService helper() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread th = new Thread(r, "nnparity-evaluation");
            th.setDaemon(true);
            return th;
        });
    }

    /** The helper's result; its failure rethrown as it was (a RuntimeException or Error), the caller's interrupt kept. */
    private static double[] join(Future<double[]> f) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return f.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException r) throw r;
                    if (e.getCause() instanceof Error err) throw err;
                    throw new IllegalStateException(e.getCause());
                }
            }
        } finally {
            if (interrupted) Thread.currentThread().interrupt();
        }
    }

    /**
     * Both nets' probabilities on all of {@code data}, without DL4J's {@code Evaluation}: for a net
     * whose parameters may no longer be finite, after a run that broke off.
     */
    public static Predictions predictionsOnly(LabelledData data, Side handWrittenNet, Side dl4jNet) {
        int n = data.size(), nIn = data.nFeatures(), k = data.nClasses();
        double[] s = new double[n * k], d = new double[n * k];
        for (int from = 0; from < n; from += CHUNK) {
            int rows = Math.min(CHUNK, n - from);
            double[] x = new double[rows * nIn];
            for (int r = 0; r < rows; r++) data.copyFeatures(from + r, x, r * nIn);
            System.arraycopy(handWrittenNet.predict(x, rows), 0, s, from * k, rows * k);
            System.arraycopy(dl4jNet.predict(x, rows), 0, d, from * k, rows * k);
        }
        return new Predictions(featureRows(data), s, d, k);
    }

    /** DL4J's {@code Evaluation} of the hand-written net's probabilities. */
    public Evaluation handWritten() {
        return handWritten;
    }

    /** DL4J's {@code Evaluation} of the DL4J net's probabilities. */
    public Evaluation dl4j() {
        return dl4j;
    }

    public int size() {
        return size;
    }

    /** Examples on which both nets predict the same class. */
    public int agree() {
        return agree;
    }

    /** {@link #agree()} / {@link #size()}. */
    public double agreement() {
        return (double) agree / size;
    }

    public double maxAbsProbDiff() {
        return maxAbsProbDiff;
    }

    /** Wall time of the evaluation, both nets. */
    public double seconds() {
        return seconds;
    }

    /** True when both {@code Evaluation}s hold the same confusion matrix, hence the same accuracy. */
    public boolean sameConfusion() {
        return Objects.equals(handWritten.getConfusionMatrix(), dl4j.getConfusionMatrix());
    }

    /**
     * Both nets' probabilities as {@link Predictions}, whose points are the set's feature rows,
     * read on demand (so the list costs nothing until a row is asked for).
     *
     * @throws IllegalStateException unless built with {@code keepProbabilities}
     */
    public Predictions predictions(LabelledData data) {
        if (probsHandWritten == null) throw new IllegalStateException("probabilities were not kept");
        return new Predictions(featureRows(data), probsHandWritten, probsDl4j, data.nClasses());
    }

    /** The confusion matrix as {@code counts[actual][predicted]}. */
    public static int[][] confusion(Evaluation e, int nClasses) {
        int[][] c = new int[nClasses][nClasses];
        for (int a = 0; a < nClasses; a++) {
            for (int p = 0; p < nClasses; p++) c[a][p] = e.getConfusionMatrix().getCount(a, p);
        }
        return c;
    }

    /** Example {@code i}'s features, as a fresh array per call; nothing is held. */
    static List<double[]> featureRows(LabelledData data) {
        return new AbstractList<>() {
            @Override
            public double[] get(int i) {
                double[] row = new double[data.nFeatures()];
                data.copyFeatures(i, row, 0);
                return row;
            }

            @Override
            public int size() {
                return data.size();
            }
        };
    }

    private static int argmax(double[] p, int r, int k) {
        int best = 0;
        for (int j = 1; j < k; j++) if (p[r * k + j] > p[r * k + best]) best = j;
        return best;
    }

    /** E.g. {@code accuracy 0.8571 | 0.8571, agree 10000/10000}. */
    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "accuracy %.4f | %.4f, agree %d/%d",
                handWritten.accuracy(), dl4j.accuracy(), agree, size);
    }
}
