package nnparity.parity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;
import org.nd4j.linalg.lossfunctions.impl.LossL1;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;
import org.nd4j.linalg.lossfunctions.impl.LossNegativeLogLikelihood;

import nnparity.dl4j.Dl4jNets;
import nnparity.scratch.BinaryCrossEntropy;
import nnparity.scratch.L1Loss;
import nnparity.scratch.Matrix;
import nnparity.scratch.MeanSquaredError;
import nnparity.scratch.OutputLoss;
import nnparity.scratch.SoftmaxCrossEntropy;
import nnparity.spec.Activation;
import nnparity.spec.Loss;

/**
 * Every hand-written {@link OutputLoss} against DL4J's own {@code ILossFunction} with the same
 * output activation: {@code computeScore(labels, z, f, null, average)} and
 * {@code computeGradient(labels, z, f, null)}. DL4J's score with {@code average} is the batch mean,
 * without it the sum; its gradient is always that of the sum. So the hand-written loss with
 * miniBatch off must give DL4J's sum and gradient, and with miniBatch on the mean and the
 * gradient divided by N.
 */
class LossParityTest {
    /**
     * Both sides compute the same terms in the same order; they differ only where ND4J sums
     * (pairwise, in its own order) or divides by K and N in another order: a few roundings of
     * numbers of order 1.
     */
    static final double SUMMATION_ORDER = 1e-15;
    /** Gradients are formed element by element in DL4J's order; /K then /N versus DL4J's /K, then our check's /N: one rounding. */
    static final double ONE_ROUNDING = 2 * Math.ulp(1.0);

    static final int N = 5, K = 4;

    @BeforeAll
    static void doublePrecision() {
        Dl4jNets.useDoublePrecision();
    }

    record Case(String name, Loss loss, Activation f, double clip) {
        @Override
        public String toString() {
            return name;
        }

        OutputLoss ours(boolean miniBatch) {
            return switch (loss) {
                case MCXENT, NEGATIVELOGLIKELIHOOD -> new SoftmaxCrossEntropy(loss, clip, miniBatch);
                case MSE -> new MeanSquaredError(f, miniBatch);
                case L1 -> new L1Loss(f, miniBatch);
                case XENT -> new BinaryCrossEntropy(clip, miniBatch);
            };
        }

        ILossFunction dl4j() {
            return switch (loss) {
                case MCXENT -> new LossMCXENT(clip, null);
                case NEGATIVELOGLIKELIHOOD -> new LossNegativeLogLikelihood();
                case MSE -> new LossMSE();
                case L1 -> new LossL1();
                case XENT -> new LossBinaryXENT(clip);
            };
        }

        IActivation dl4jActivation() {
            return org.nd4j.linalg.activations.Activation.valueOf(f.name()).getActivationFunction();
        }
    }

    static List<Case> cases() {
        List<Case> c = new ArrayList<>();
        c.add(new Case("softmax + MCXENT, clip 1e-10", Loss.MCXENT, Activation.SOFTMAX, 1e-10));
        c.add(new Case("softmax + MCXENT, clip 0.3 (active)", Loss.MCXENT, Activation.SOFTMAX, 0.3));
        c.add(new Case("softmax + NLL", Loss.NEGATIVELOGLIKELIHOOD, Activation.SOFTMAX, 1e-10));
        c.add(new Case("sigmoid + XENT, clip 1e-5", Loss.XENT, Activation.SIGMOID, 1e-5));
        c.add(new Case("sigmoid + XENT, clip 0.1 (active)", Loss.XENT, Activation.SIGMOID, 0.1));
        for (Activation f : List.of(Activation.IDENTITY, Activation.TANH, Activation.SIGMOID, Activation.RELU, Activation.LEAKYRELU,
                Activation.HARDSIGMOID, Activation.SOFTPLUS, Activation.CUBE)) {
            c.add(new Case(f.id() + " + MSE", Loss.MSE, f, 0));
            c.add(new Case(f.id() + " + L1", Loss.L1, f, 0));
        }
        return c;
    }

    static Stream<Arguments> casesAndMiniBatch() {
        return cases().stream().flatMap(c -> Stream.of(Arguments.of(c, true), Arguments.of(c, false)));
    }

    /** Scores z [N, K] in (−14, 14), past XENT's default clip (|z| &gt; 11.5); one row of kinks (0, ±1, ±2.5). */
    static double[] scores() {
        Random r = new Random(21);
        double[] z = new double[N * K];
        for (int i = 0; i < z.length; i++) z[i] = 28 * r.nextDouble() - 14;
        double[] kinks = {0, -2.5, 1, 2.5};
        System.arraycopy(kinks, 0, z, 0, K);
        return z;
    }

    /** One-hot labels for the classifiers, 0/1 for XENT, real targets for MSE and L1 (one of them equal to ŷ, L1's kink). */
    static double[] labels(Case c, double[] z) {
        Random r = new Random(22);
        double[] y = new double[N * K];
        for (int i = 0; i < N; i++) {
            for (int k = 0; k < K; k++) {
                y[i * K + k] = switch (c.loss()) {
                    case MCXENT, NEGATIVELOGLIKELIHOOD -> k == i % K ? 1 : 0;
                    case XENT -> r.nextBoolean() ? 1 : 0;
                    case MSE, L1 -> 4 * r.nextDouble() - 2;
                };
            }
        }
        if (c.loss() == Loss.L1 || c.loss() == Loss.MSE) y[K] = c.ours(true).activate(new Matrix(N, K, z.clone())).data[K];
        return y;
    }

    static INDArray nd(double[] v) {
        return Nd4j.create(v.clone(), new long[]{N, K}, 'c');
    }

    @ParameterizedTest(name = "{0}, miniBatch {1}")
    @MethodSource("casesAndMiniBatch")
    void scoreIsDl4jsMeanWithMiniBatchAndItsSumWithout(Case c, boolean miniBatch) {
        double[] z = scores(), y = labels(c, z);
        double dl4j = c.dl4j().computeScore(nd(y), nd(z), c.dl4jActivation(), null, miniBatch);
        double ours = c.ours(miniBatch).forward(new Matrix(N, K, z.clone()), new Matrix(N, K, y.clone()));
        assertTrue(Double.isFinite(dl4j) && dl4j > 0, c + ": DL4J's score " + dl4j);
        assertEquals(dl4j, ours, SUMMATION_ORDER * Math.max(1, Math.abs(dl4j)), c.toString());
    }

    @ParameterizedTest(name = "{0}, miniBatch {1}")
    @MethodSource("casesAndMiniBatch")
    void gradientIsDl4jsGradientOfTheSumDividedByNWithMiniBatch(Case c, boolean miniBatch) {
        double[] z = scores(), y = labels(c, z);
        double[] dl4j = c.dl4j().computeGradient(nd(y), nd(z), c.dl4jActivation(), null).dup('c').data().asDouble();
        OutputLoss loss = c.ours(miniBatch);
        loss.forward(new Matrix(N, K, z.clone()), new Matrix(N, K, y.clone()));
        double[] ours = loss.backward().data;
        double n = miniBatch ? N : 1;
        for (int i = 0; i < ours.length; i++)
            assertEquals(dl4j[i] / n, ours[i], ONE_ROUNDING * Math.max(1, Math.abs(dl4j[i])), c + ": ∂L/∂z[" + i + "] at z = " + z[i]);
    }
}
