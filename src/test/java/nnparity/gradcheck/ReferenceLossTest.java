package nnparity.gradcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import nnparity.data.Batch;
import nnparity.scratch.Matrix;
import nnparity.scratch.Network;
import nnparity.spec.Activation;
import nnparity.spec.DenseParams;
import nnparity.spec.Init;
import nnparity.spec.LayerSpec;
import nnparity.spec.Loss;
import nnparity.spec.NetSpec;
import nnparity.spec.ParamSet;
import nnparity.spec.Regularization;

/**
 * The double-double reference against values computed independently with mpmath at 50 digits
 * ({@code reference_literals.py} in this folder prints every literal below), and against the
 * hand-written net's own loss.
 */
class ReferenceLossTest {

    /**
     * The production loss is computed in double: p carries a relative rounding error of a few
     * 1e-16, which log turns into an absolute error of a few 1e-16 in log p, whatever the size of
     * the loss. 1e-14 absolute allows for a hundred such and nothing more.
     */
    private static final double SAME_LOSS_ABS = 1e-14;
    // (for a score above 1, the same bound relative to it: cube's scores reach 100)
    /** Two double-double evaluations of the same number in a different order: a few units of 2^-104. */
    private static final double DD_REL = 1e-29;
    /**
     * Double-double against mpmath: a forward pass of three layers, an exp/log per element and a
     * sum over the batch accumulate a few dozen roundings of 2^-104 ≈ 4.9e-32 each.
     */
    private static final double MPMATH_REL = 1e-29;

    private static double productionLoss(NetSpec spec, ParamSet p, Batch b) {
        return new Network(spec, p).lossAndGradients(new Matrix(b.rows(), b.nIn(), b.x()), new Matrix(b.rows(), b.nOut(), b.t()));
    }

    private static double relDiff(String want, DoubleDouble got) {
        BigDecimal w = new BigDecimal(want), g = new BigDecimal(got.hi()).add(new BigDecimal(got.lo()));
        BigDecimal d = w.subtract(g).abs();
        return w.signum() == 0 ? d.doubleValue() : d.divide(w.abs(), MathContext.DECIMAL64).doubleValue();
    }

    // ---- every activation, element by element ----

    /** z where the activations are evaluated: both sides of every kink, and the saturated ends. */
    private static final double[] Z = {-3, -0.7, -1e-3, 0.3, 1.7, 4};

    static Stream<Arguments> activationValues() {
        return Stream.of(
                Arguments.of(Activation.RELU, new String[]{"0", "0", "0", "2.99999999999999988897769753748434596e-1", "1.69999999999999995559107901499373838", "4.0"}),
                Arguments.of(Activation.LEAKYRELU, new String[]{"-3.0000000000000000624500451351650554e-2", "-6.99999999999999970162756213198917052e-3", "-1.0000000000000000416333634234433707e-5", "2.99999999999999988897769753748434596e-1", "1.69999999999999995559107901499373838", "4.0"}),
                Arguments.of(Activation.ELU, new String[]{"-9.50212931632136057020657584349938223e-1", "-5.03414696208590463242382388214435061e-1", "-9.99500166625008352740518267226264842e-4", "2.99999999999999988897769753748434596e-1", "1.69999999999999995559107901499373838", "4.0"}),
                Arguments.of(Activation.SELU, new String[]{"-1.67056872876711180511937187834902603", "-8.85053045577205270319196129741143486e-1", "-1.75722058412027034654467525929228378e-3", "3.15210296206644124398221913857737713e-1", "1.78619167850431672436513131450117815", "4.20280394942192181417794927256181836"}),
                Arguments.of(Activation.SOFTPLUS, new String[]{"4.85873515737420587589259198546899979e-2", "4.03186048885457907926329333574694946e-1", "6.9264730555994010107384287363484718e-1", "8.5435524446852711243699535069640283e-1", "1.86778602938626587945499227852956648", "4.01814992791780974035498331828775388"}),
                Arguments.of(Activation.SOFTSIGN, new String[]{"-7.5e-1", "-4.11764705882352925810061942904407344e-1", "-9.99000999000999021774111714181607735e-4", "2.30769230769230762661402221152919823e-1", "6.296296296296296235378709211239695e-1", "8.0e-1"}),
                Arguments.of(Activation.SIGMOID, new String[]{"4.74258731775667808788481517717522014e-2", "3.31812227831833903315241141802512624e-1", "4.99750000020833331244796041686582675e-1", "5.74442516811658984438038803234060323e-1", "8.45534734916465289865985937398540719e-1", "9.82013790037908441973206862050461575e-1"}),
                Arguments.of(Activation.HARDSIGMOID, new String[]{"0", "3.59999997913837441743112454350150332e-1", "4.99799999997019767757067132345617117e-1", "5.60000000894069669410413292662462417e-1", "8.40000005066394797026418795649849668e-1", "1.0"}),
                Arguments.of(Activation.TANH, new String[]{"-9.95054753686730451331880185255488475e-1", "-6.0436777711716346812058688551755028e-1", "-9.99999666666800020762692662955076896e-4", "2.91312612451590895658160015769398948e-1", "9.354090706030989749708952904394216e-1", "9.99329299739067043792243344341724962e-1"}),
                Arguments.of(Activation.HARDTANH, new String[]{"-1.0", "-6.99999999999999955591079014993738383e-1", "-1.00000000000000002081668171172168513e-3", "2.99999999999999988897769753748434596e-1", "1.0", "1.0"}),
                Arguments.of(Activation.SWISH, new String[]{"-1.42277619532700342636544455315256604e-1", "-2.32268559482283717585245791618951475e-1", "-4.99750000020833341647932727553175646e-4", "1.7233275504349768895381855609094437e-1", "1.43740904935799095522289086059399717", "3.9280551601516337678928274482018463"}),
                Arguments.of(Activation.CUBE, new String[]{"-2.7e+1", "-3.42999999999999934718886152040799565e-1", "-1.0000000000000000624500451351650567e-9", "2.69999999999999970023978335120774518e-2", "4.91299999999999961497465505999572184", "6.4e+1"}),
                Arguments.of(Activation.IDENTITY, new String[]{"-3.0", "-6.99999999999999955591079014993738383e-1", "-1.00000000000000002081668171172168513e-3", "2.99999999999999988897769753748434596e-1", "1.69999999999999995559107901499373838", "4.0"}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("activationValues")
    void everyActivationMatchesMpmathWithDl4jsConstants(Activation f, String[] want) {
        for (int i = 0; i < Z.length; i++) {
            DoubleDouble got = ReferenceLoss.activate(f, DoubleDouble.of(Z[i]));
            BigDecimal w = new BigDecimal(want[i]);
            double abs = w.subtract(new BigDecimal(got.hi()).add(new BigDecimal(got.lo()))).abs().doubleValue();
            // relative for |f| ≥ 1, absolute below: e^z − 1 near z = 0 keeps its absolute, not its relative, accuracy
            assertTrue(abs <= MPMATH_REL * Math.max(1, w.abs().doubleValue()), f + "(" + Z[i] + ") = " + got + ", want " + want[i]);
        }
    }

    @Test
    void everyElementWiseTrainableActivationIsCoveredAndTheOthersRefused() {
        long covered = activationValues().count();
        long trainable = Stream.of(Activation.values()).filter(a -> a.elementWise() && a.trainableByBackprop()).count();
        assertEquals(trainable, covered);
        assertThrows(IllegalArgumentException.class, () -> ReferenceLoss.activate(Activation.SOFTMAX, DoubleDouble.ONE));
        assertThrows(IllegalArgumentException.class, () -> ReferenceLoss.activate(Activation.STEP, DoubleDouble.ONE));
    }

    @Test
    void hardsigmoidUsesDl4jsFloatSlopeAndClampsAt0Point5OverIt() {
        assertEquals(0.20000000298023224, ReferenceLoss.HARDSIGMOID_SLOPE, 0.0);
        double clamp = 0.5 / ReferenceLoss.HARDSIGMOID_SLOPE;
        assertEquals(1.0, ReferenceLoss.activate(Activation.HARDSIGMOID, DoubleDouble.of(Math.nextUp(clamp))).doubleValue(), 0.0);
        assertTrue(ReferenceLoss.activate(Activation.HARDSIGMOID, DoubleDouble.of(2.4999999)).doubleValue() < 1);
    }

    // ---- the whole net: 3 → 4 → 3 → 3 on two examples, parameters k/8, inputs k/4 ----

    private static final double[] X = {0.5, -1.0, 1.0, -1.75, -1.5, -1.25};
    private static final double[] T = {0, 0, 1, 1, 0, 0};
    private static final double[][] W = {
            {0.375, -0.875, 1.0, -0.25, -0.875, -0.75, 0.625, 0.625, -0.75, -0.125, -0.75, 0.625},
            {0.5, -0.875, -0.125, -0.875, -0.5, 0.125, 0.625, -0.5, -0.625, 0.125, -0.375, -0.625},
            {-0.75, -0.875, -0.25, 0.875, 0.625, 0.25, 0.75, 0.75, 0.375}};
    private static final double[][] B = {{-0.875, -0.625, -0.125, -0.875}, {-0.25, 0.375, -0.625}, {0.125, -0.125, -0.375}};

    private static Batch smallBatch() {
        return new Batch(new int[]{0, 1}, X, T, new int[]{2, 0}, 3, 3);
    }

    private static ParamSet smallParams(double scale) {
        return smallParams(scale, scale);
    }

    /** The parameters ×{@code scale}, the output layer's ×{@code outputScale}. */
    private static ParamSet smallParams(double scale, double outputScale) {
        int[][] shapes = {{3, 4}, {4, 3}, {3, 3}};
        DenseParams[] d = new DenseParams[3];
        for (int k = 0; k < 3; k++) {
            double[] w = W[k].clone(), b = B[k].clone();
            double sc = k == 2 ? outputScale : scale;
            for (int i = 0; i < w.length; i++) w[i] *= sc;
            for (int i = 0; i < b.length; i++) b[i] *= sc;
            d[k] = new DenseParams(shapes[k][0], shapes[k][1], w, b);
        }
        return new ParamSet(List.of(d));
    }

    private static NetSpec smallNet(Activation a1, Activation a2, Loss loss, Activation out) {
        return new NetSpec(3, List.of(new LayerSpec(4, a1), new LayerSpec(3, a2)), new LayerSpec(3, out), loss, loss.defaultClipEps(),
                0.1, Init.ZERO, 1, true);
    }

    static Stream<Arguments> everyHiddenActivation() {
        return Stream.of(
                Arguments.of(Activation.RELU, "1.1935587194505964281285579043379612", "1.1935587194505964281285579043379612"),
                Arguments.of(Activation.LEAKYRELU, "1.19745997812999418630411647248985874", "1.19745997812999418630411647248985874"),
                Arguments.of(Activation.ELU, "1.57448964290890785977626388123037429", "1.57448964290890785977626388123037429"),
                Arguments.of(Activation.SELU, "2.03265464096435775238780729706776872", "2.03265464096435775238780729706776872"),
                Arguments.of(Activation.SOFTPLUS, "1.10237091432660290980876985141671557", "1.10237091432660290980876985141671557"),
                Arguments.of(Activation.SOFTSIGN, "1.26489921605304610363854249969049211", "1.26489921605304610363854249969049211"),
                Arguments.of(Activation.SIGMOID, "1.10808859272985237915287433566691768", "1.10808859272985237915287433566691768"),
                Arguments.of(Activation.HARDSIGMOID, "1.10480921423044825557482327227610659", "1.10480921423044825557482327227610659"),
                Arguments.of(Activation.TANH, "1.44758201329407061511704918281852423", "1.44758201329407061511704918281852423"),
                Arguments.of(Activation.HARDTANH, "1.58881522390437886035904737644473001", "1.58881522390437886035904737644473001"),
                Arguments.of(Activation.SWISH, "1.28425928234231266765985291501439858", "1.28425928234231266765985291501439858"),
                // cube's logits reach 40: p of the second example's label is below 1e-10, and the clip binds in the score
                Arguments.of(Activation.CUBE, "1.32121565235946090072454549702956958e+1", "1.95122007931333934300428246467938045e+2"),
                Arguments.of(Activation.IDENTITY, "1.82077615917860952265899331405195556", "1.82077615917860952265899331405195556"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyHiddenActivation")
    void twoHiddenLayersOfEveryActivationMatchMpmath(Activation a, String score, String objective) {
        ReferenceLoss ref = new ReferenceLoss(smallNet(a, a, Loss.MCXENT, Activation.SOFTMAX), smallParams(1), smallBatch());
        assertTrue(relDiff(score, ref.score()) <= MPMATH_REL, a + ": " + ref.score() + " vs " + score);
        assertTrue(relDiff(objective, ref.objective()) <= MPMATH_REL, a + " objective: " + ref.objective() + " vs " + objective);
    }

    static Stream<Arguments> everyLoss() {
        return Stream.of(
                Arguments.of(Loss.MCXENT, Activation.SOFTMAX, "1.6047807514086672302347372341295935"),
                Arguments.of(Loss.NEGATIVELOGLIKELIHOOD, Activation.SOFTMAX, "1.6047807514086672302347372341295935"),
                Arguments.of(Loss.MSE, Activation.IDENTITY, "1.60613812421561050312317613061298125"),
                Arguments.of(Loss.L1, Activation.IDENTITY, "3.08390646321275564283183911645505744"),
                Arguments.of(Loss.XENT, Activation.SIGMOID, "3.55471675419259027687368509188213785"),
                Arguments.of(Loss.MSE, Activation.TANH, "5.00872398701008520785835265509816802e-1"),
                Arguments.of(Loss.L1, Activation.HARDTANH, "1.89920719884862884750117026461834751"));
    }

    @ParameterizedTest(name = "{0} after {1}")
    @MethodSource("everyLoss")
    void everyLossAfterTanhThenEluMatchesMpmath(Loss loss, Activation out, String want) {
        ReferenceLoss ref = new ReferenceLoss(smallNet(Activation.TANH, Activation.ELU, loss, out), smallParams(1), smallBatch());
        assertTrue(relDiff(want, ref.score()) <= MPMATH_REL, loss + ": " + ref.score() + " vs " + want);
        assertTrue(relDiff(want, ref.objective()) <= MPMATH_REL, loss + " objective: " + ref.objective());
    }

    @Test
    void withoutMiniBatchTheLossIsTheSumOverTheBatch() {
        NetSpec spec = smallNet(Activation.TANH, Activation.ELU, Loss.MSE, Activation.IDENTITY).withMiniBatch(false);
        ReferenceLoss ref = new ReferenceLoss(spec, smallParams(1), smallBatch());
        assertTrue(relDiff("3.21227624843122100624635226122596249", ref.score()) <= MPMATH_REL, ref.score().toString());
    }

    /** Per layer: (l1, l2, l1Bias, l2Bias, wd, wdBias) = (0.01, 0.02, 0.03, 0.04, 0.05, 0.06), (0, 0.001, …), (0.002, 0, 0, 0, 0.003, 0). */
    private static NetSpec regularized(boolean decayTimesLr) {
        NetSpec s = smallNet(Activation.TANH, Activation.ELU, Loss.MCXENT, Activation.SOFTMAX);
        Regularization r1 = new Regularization(0.01, 0.02, 0.03, 0.04, 0.05, 0.06, decayTimesLr);
        Regularization r2 = Regularization.NONE.withL2(0.001).withWeightDecayTimesLr(decayTimesLr);
        Regularization r3 = Regularization.NONE.withL1(0.002).withWeightDecay(0.003).withWeightDecayTimesLr(decayTimesLr);
        return s.withHidden(List.of(s.hidden().get(0).withRegularization(r1), s.hidden().get(1).withRegularization(r2)))
                .withOutput(s.output().withRegularization(r3));
    }

    @Test
    void penaltiesPerLayerAreAddedToScoreAndObjective() {
        ReferenceLoss ref = new ReferenceLoss(regularized(true), smallParams(1), smallBatch());
        String want = "2.06786668890866723704217162462295446";
        assertTrue(relDiff(want, ref.score()) <= MPMATH_REL, ref.score().toString());
        assertTrue(relDiff(want, ref.objective()) <= MPMATH_REL, "wd ×lr: the step follows the score's gradient");
        assertTrue(relDiff("1.6047807514086672302347372341295935", ref.dataLoss(true)) <= MPMATH_REL, "the data loss alone");
    }

    @Test
    void aDecayNotTimesLrCountsAsWdOverLrInTheObjectiveOnly() {
        // lr = 0.1: the step subtracts wd·θ, i.e. lr · (wd/lr)·θ
        ReferenceLoss ref = new ReferenceLoss(regularized(false), smallParams(1), smallBatch());
        assertTrue(relDiff("2.06786668890866723704217162462295446", ref.score()) <= MPMATH_REL, "DL4J's score: ½·wd·Σθ²");
        assertTrue(relDiff("3.90541356390866717549461637783483605", ref.objective()) <= MPMATH_REL, ref.objective().toString());
    }

    @Test
    void mcxentsClipBindsInTheScoreOnlyAndXentsGradientFollowsItsClipLinearly() {
        // all parameters ×16: p of the first example's label is 3.9e-216, below MCXENT's 1e-10; σ(722) is beyond XENT's 1 − 1e-5
        ReferenceLoss ce = new ReferenceLoss(smallNet(Activation.TANH, Activation.ELU, Loss.MCXENT, Activation.SOFTMAX), smallParams(16), smallBatch());
        assertTrue(relDiff("1.23467966603827280968784128491584609e+1", ce.score()) <= MPMATH_REL, ce.score().toString());
        assertTrue(relDiff("2.48833630741011236734330805731778104e+2", ce.objective()) <= MPMATH_REL, ce.objective().toString());
        ReferenceLoss xent = new ReferenceLoss(smallNet(Activation.TANH, Activation.ELU, Loss.XENT, Activation.SIGMOID), smallParams(16), smallBatch());
        assertTrue(relDiff("2.30258609299904570099104581108340572e+1", xent.score()) <= MPMATH_REL, xent.score().toString());
        // beyond XENT's clip the gradient descends the clipped loss continued linearly in σ: 25.03, not the unclipped 725.9
        assertTrue(relDiff("2.50258509298904560097968462604031404e+1", xent.objective()) <= MPMATH_REL, xent.objective().toString());
    }

    @Test
    void theOtherSideOfEachClip() {
        // ×16 with both examples labelled 0: p of the first is above 1 − 1e-10, so the score counts −log(1 − 1e-10)
        Batch firstClass = new Batch(new int[]{0, 1}, X, new double[]{1, 0, 0, 1, 0, 0}, new int[]{0, 0}, 3, 3);
        ReferenceLoss ce = new ReferenceLoss(smallNet(Activation.TANH, Activation.ELU, Loss.MCXENT, Activation.SOFTMAX), smallParams(16), firstClass);
        assertTrue(relDiff("8.3387119546249969500705423530728687e-1", ce.score()) <= MPMATH_REL, ce.score().toString());
        assertTrue(relDiff("8.33871195412499695004554233485510337e-1", ce.objective()) <= MPMATH_REL, ce.objective().toString());
        // the output layer ×−16: σ(−35.9) is below XENT's 1e-5
        ReferenceLoss xent = new ReferenceLoss(smallNet(Activation.TANH, Activation.ELU, Loss.XENT, Activation.SIGMOID), smallParams(1, -16), smallBatch());
        assertTrue(relDiff("8.27690932132669312639377301805084905", xent.score()) <= MPMATH_REL, xent.score().toString());
        assertTrue(relDiff("8.77687175953271067324792300405449976", xent.objective()) <= MPMATH_REL, xent.objective().toString());
    }

    // ---- against the hand-written net, and against itself ----

    @ParameterizedTest
    @MethodSource("trainable")
    void referenceLossIsTheHandWrittenNetsLoss(Activation a) {
        for (NetSpec s : GradientCheckMatrixTest.shapes()) {
            NetSpec spec = s.withActivation(a);
            for (int batch : GradientCheckMatrixTest.BATCHES) {
                Batch b = CheckBatches.of(spec, batch, spec.seed());
                ParamSet p = trainedUpTo20Steps(spec, b);
                double want = productionLoss(spec, p, b), got = new ReferenceLoss(spec, p, b).score().doubleValue();
                assertEquals(want, got, SAME_LOSS_ABS * Math.max(1, Math.abs(want)), spec + ", batch " + batch);
            }
        }
    }

    /** 20 SGD steps, or as many as stay finite and moderate: cube's z³ drives some Xavier nets past 1e9 within a few. */
    private static ParamSet trainedUpTo20Steps(NetSpec spec, Batch b) {
        try {
            return GradientCheck.trained(spec, GradientCheck.initialParams(spec), b, 20);
        } catch (DivergedBeforeCheck e) {
            return GradientCheck.trained(spec, GradientCheck.initialParams(spec), b, e.step() - 1);
        }
    }

    static Stream<Activation> trainable() {
        return Stream.of(MultilayerGradientCheckTest.HIDDEN);
    }

    /** Every loss, depth, penalty and miniBatch setting of the multilayer sample: the hand-written score with its penalties. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("nnparity.gradcheck.MultilayerGradientCheckTest#sample")
    void referenceScoreIsTheHandWrittenNetsScore(MultilayerGradientCheckTest.Case c) {
        NetSpec spec = c.spec();
        Batch b = CheckBatches.of(spec, c.batch(), spec.seed());
        ParamSet p = GradientCheck.trained(spec, GradientCheck.initialParams(spec), b, c.steps());
        double want = productionLoss(spec, p, b), got = new ReferenceLoss(spec, p, b).score().doubleValue();
        assertEquals(want, got, SAME_LOSS_ABS * Math.max(1, Math.abs(want)), c.toString());
    }

    /** Perturbing one parameter reuses what does not depend on it; that must equal building afresh, in every layer. */
    @ParameterizedTest
    @EnumSource(names = {"RELU", "TANH", "HARDSIGMOID"})
    void aPerturbedEvaluationEqualsAFreshOneAtThePerturbedParameters(Activation a) {
        NetSpec spec = NetSpec.quadrant().withSizes(3, List.of(5, 4), 4).withActivation(a).withInit(Init.XAVIER)
                .withRegularization(Regularization.NONE.withL1(1e-3).withL2Bias(2e-3));
        Batch b = CheckBatches.of(spec, 6, 9);
        ParamSet p = GradientCheck.initialParams(spec);
        Group.of(spec).forEach(g -> { if (g.isBias()) for (int i = 0; i < g.of(p).length; i++) g.of(p)[i] = 0.1 * (i - 1); });
        ReferenceLoss ref = new ReferenceLoss(spec, p, b);
        for (Group g : Group.of(spec)) {
            for (int i = 0; i < g.size(spec); i++) {
                double theta = g.of(p)[i];
                // a step that θ + δ represents exactly in double, so both sides see the same parameter
                double delta = theta == 0 ? 0x1p-20 : 64 * Math.ulp(theta);
                assertEquals(0, new BigDecimal(theta).add(new BigDecimal(delta)).compareTo(new BigDecimal(theta + delta)));
                ParamSet moved = p.copy();
                g.of(moved)[i] = theta + delta;
                double fresh = new ReferenceLoss(spec, moved, b).objective().doubleValue();
                DoubleDouble incremental = ref.perturbed(g, i, delta).objective();
                assertEquals(fresh, incremental.doubleValue(), DD_REL * Math.abs(fresh), g.element(spec, i));
            }
        }
        assertEquals(ref.objective().doubleValue(), ref.perturbed(new Group(2, false), 3, 0).objective().doubleValue(), 0.0,
                "δ = 0 changes nothing");
    }

    @Test
    void aPerturbationChangesTheObjectiveByAboutTheGradientTimesDelta() {
        // the perturbed objective must move: a guard against an evaluation that ignores δ in some layer
        NetSpec spec = NetSpec.quadrant().withSizes(3, List.of(5, 4), 4).withActivation(Activation.TANH).withInit(Init.XAVIER);
        Batch b = CheckBatches.of(spec, 6, 9);
        ParamSet p = GradientCheck.initialParams(spec);
        ReferenceLoss ref = new ReferenceLoss(spec, p, b);
        for (Group g : Group.of(spec)) {
            assertNotEquals(ref.objective().doubleValue(), ref.perturbed(g, 0, 1e-3).objective().doubleValue(), g.toString());
        }
    }

    @Test
    void aBatchOrParametersThatDoNotFitTheSpecAreRefused() {
        NetSpec spec = smallNet(Activation.TANH, Activation.ELU, Loss.MCXENT, Activation.SOFTMAX);
        assertThrows(IllegalArgumentException.class, () -> new ReferenceLoss(spec.withSizes(4, List.of(4, 3), 3), smallParams(1), smallBatch()));
        assertThrows(IllegalArgumentException.class, () -> new ReferenceLoss(spec.withSizes(3, List.of(4, 4), 3), smallParams(1), smallBatch()));
        assertThrows(IllegalArgumentException.class, () -> new ReferenceLoss(spec.withActivation(Activation.STEP), smallParams(1), smallBatch()));
        assertThrows(IllegalArgumentException.class, () -> new ReferenceLoss(spec.withSizes(3, List.of(4, 3, 3), 3), smallParams(1), smallBatch()),
                "four layers, three of parameters");
    }

    /**
     * Why the numerical check does not work in double: at the tutorial's 4 symmetric points with
     * identity, ∂L/∂b1 is ≈ 1e-11, far below the ≈ 1e-10 noise of a double central difference at
     * ε = 1e-6. The double-double reference resolves it to 7 digits.
     */
    @Test
    void centralDifferencesInDoubleCannotResolveTinyGradientsButDoubleDoubleCan() {
        NetSpec spec = NetSpec.quadrant().withActivation(Activation.IDENTITY);
        Batch b = CheckBatches.of(spec, 4, spec.seed());
        ParamSet p = GradientCheck.initialParams(spec);
        Group b1 = new Group(1, true);
        double[] analytic = b1.of(HandWrittenGradient.production().evaluate(spec, p, b).gradient());
        int j = 0;
        for (int k = 1; k < analytic.length; k++) if (Math.abs(analytic[k]) < Math.abs(analytic[j])) j = k;
        assertTrue(Math.abs(analytic[j]) < 1e-10, "a tiny gradient: " + analytic[j]);

        double eps = 1e-6;
        ParamSet plus = p.copy(), minus = p.copy();
        b1.of(plus)[j] += eps;
        b1.of(minus)[j] -= eps;
        double inDouble = (productionLoss(spec, plus, b) - productionLoss(spec, minus, b)) / (2 * eps);
        double inDoubleDouble = NumericalCheck.centralDifference(new ReferenceLoss(spec, p, b), b1, j, NumericalCheck.EPS).gradient();

        assertTrue(RelativeError.of(analytic[j], inDouble) > 1e-3, "double: " + inDouble + " vs " + analytic[j]);
        assertTrue(RelativeError.of(analytic[j], inDoubleDouble) <= NumericalCheck.MAX_REL_ERROR,
                "double-double: " + inDoubleDouble + " vs " + analytic[j]);
    }
}
