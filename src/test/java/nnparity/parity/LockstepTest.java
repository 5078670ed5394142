package nnparity.parity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import nnparity.data.LabelledData;
import nnparity.data.QuadrantData;
import nnparity.spec.Activation;
import nnparity.spec.Init;
import nnparity.spec.NetSpec;
import nnparity.spec.ParamSet;
import nnparity.spec.TrainSpec;

/** The acceptance figures, on the real lockstep: both nets, every step compared. */
class LockstepTest {
    /**
     * Runs of a thousand steps or more: in {@code mvn test}, but left out of mutation testing
     * (the pom's {@code excludedGroups}), where each would run once per mutant; the short runs
     * below reach the same code.
     */
    static final String SLOW = "slow";
    /** The acceptance bound for max scaled |Δloss| and max |Δparam| over a whole run. */
    static final double PARITY_BOUND = 1e-12;
    /** A perturbation far above rounding noise (1e-16) and far below the parameters (1e-2). */
    static final double PERTURBATION = 1e-6;
    /**
     * Java and numpy sum in different orders; over 1000 steps the losses drift apart by at most
     * 2.8e-14 relative (measured), so 1e-12 leaves room while any real difference shows at 1e-8.
     */
    static final double NUMPY_PEER_REL = 1e-12;
    /** The same for the predicted probabilities, absolute. */
    static final double NUMPY_PEER_PROB = 1e-12;

    static Stream<Arguments> acceptanceRuns() {
        NetSpec q = NetSpec.quadrant();
        QuadrantData tutorial = QuadrantData.tutorial();
        QuadrantData random200 = QuadrantData.random(200, q.seed());
        return Stream.of(
                Arguments.of("relu, tutorial's 4 points, 1000 steps", q, tutorial, new TrainSpec(1000, 4, 42)),
                Arguments.of("sigmoid, tutorial's 4 points, 1000 steps", q.withActivation(Activation.SIGMOID), tutorial, new TrainSpec(1000, 4, 42)),
                Arguments.of("tanh, tutorial's 4 points, 1000 steps", q.withActivation(Activation.TANH), tutorial, new TrainSpec(1000, 4, 42)),
                Arguments.of("relu, 200 random points, batch 16, 20 epochs", q, random200, new TrainSpec(20, 16, 42)),
                Arguments.of("relu, DL4J's own init, 500 steps", q.withInit(Init.DL4J), tutorial, new TrainSpec(500, 4, 42)));
    }

    @Tag(SLOW)
    @ParameterizedTest(name = "{0}")
    @MethodSource("acceptanceRuns")
    void bothNetsAgreeAtEveryStepAndOnEveryPrediction(String name, NetSpec spec, LabelledData data, TrainSpec train) {
        Lockstep lockstep = new Lockstep(spec, train, data, Tolerances.DEFAULT);
        LockstepResult r = lockstep.run();
        Predictions p = lockstep.predict(points());
        Verdict v = Verdict.of(r, p, Tolerances.DEFAULT);

        assertEquals(Outcome.AGREE, v.outcome(), v.line());
        assertTrue(r.maxScaledLossDiff() <= PARITY_BOUND, v.line());
        assertTrue(r.maxAbsParamDiff() <= PARITY_BOUND, v.line());
        assertTrue(r.maxAbsGradDiff() <= PARITY_BOUND, v.line());
        assertEquals(1.0, p.agreement());
        assertEquals(train.epochs() * train.stepsPerEpoch(data.size()), r.steps().size());
    }

    /**
     * The numpy peer: the tutorial's own network in numpy (the replay snippet that {@code --export}
     * writes, run on its files), float64, from the same initial weights and batches. Its losses at
     * these steps and its p(2,2) after 1000 steps, printed with {@code repr}.
     */
    @Tag(SLOW)
    @Test
    void theTutorialRunFollowsTheNumpyPeerStepByStepOnBothSides() {
        Lockstep lockstep = new Lockstep(NetSpec.quadrant(), new TrainSpec(1000, 4, 42), QuadrantData.tutorial(), Tolerances.DEFAULT);
        List<StepRecord> steps = lockstep.run().steps();
        double[][] numpy = {{1, 1.386487883804088}, {2, 1.386300797841233}, {3, 1.3861237223021117},
                {500, 0.00767174738739205}, {1000, 0.0027130381762586883}};
        assertFollowsPeer(numpy, steps);
        Predictions p = lockstep.predict(List.of(new double[]{2, 2}));
        double[] numpyP = {0.9999825625695326, 1.1519406837869e-05, 2.557587841812087e-08, 5.892447751344732e-06};
        for (int k = 0; k < 4; k++) {
            assertEquals(numpyP[k], p.probScratch(0, k), NUMPY_PEER_PROB, "hand-written p(2,2)[" + k + "]");
            assertEquals(numpyP[k], p.probDl4j(0, k), NUMPY_PEER_PROB, "DL4J p(2,2)[" + k + "]");
        }
        assertEquals(0, p.classScratch(0), "(2,2) lies in quadrant I");
        assertEquals(0, p.classDl4j(0), "(2,2) lies in quadrant I");
    }

    /** As above, on 64 random points in shuffled batches of 16 with seed 3 ({@code --points 64 --seed 3 --epochs 4 --batch 16}). */
    @Test
    void aShuffledRunOnRandomPointsFollowsTheNumpyPeer() {
        NetSpec spec = NetSpec.quadrant().withSeed(3);
        LockstepResult r = new Lockstep(spec, new TrainSpec(4, 16, 3), QuadrantData.random(64, 3), Tolerances.DEFAULT).run();
        double[][] numpy = {{1, 1.3865430581774407}, {2, 1.3913033917020972}, {3, 1.3853129738875531},
                {8, 1.3828455193100155}, {16, 1.3875530769124205}};
        assertFollowsPeer(numpy, r.steps());
        assertEquals(16, r.steps().size());
    }

    private static void assertFollowsPeer(double[][] numpy, List<StepRecord> steps) {
        for (double[] sl : numpy) {
            StepRecord s = steps.get((int) sl[0] - 1);
            assertEquals(sl[1], s.lossScratch(), sl[1] * NUMPY_PEER_REL, "hand-written loss at step " + s.step());
            assertEquals(sl[1], s.lossDl4j(), sl[1] * NUMPY_PEER_REL, "DL4J loss at step " + s.step());
        }
    }

    @Test
    void aDl4jLossOffByOnePartInABillionIsLocalisedToTheForwardPassOfItsStep() {
        Lockstep lockstep = new Lockstep(NetSpec.quadrant(), new TrainSpec(10, 4, 42), QuadrantData.tutorial(), Tolerances.DEFAULT);
        lockstep.tamper(Lockstep.Tamper.lossAt(7, loss -> loss * (1 + 1e-9)));
        LockstepResult r = lockstep.run();
        Divergence d = r.firstDivergence();
        assertEquals(Outcome.DISAGREE, r.outcome());
        assertEquals(7, d.step());
        assertEquals(Phase.FORWARD, d.phase());
        assertEquals("loss", d.where());
        assertEquals(1e-9, (d.dl4j() - d.scratch()) / d.scratch(), 1e-9 * 1e-3);
        assertTrue(r.maxAbsGradDiff() <= PARITY_BOUND && r.maxAbsParamDiff() <= PARITY_BOUND, "only the loss was changed");
    }

    @Test
    void aDl4jGradientOffInOneElementIsLocalisedToTheBackwardPassWithItsLayerAndIndex() {
        NetSpec spec = NetSpec.quadrant();
        Lockstep lockstep = new Lockstep(spec, new TrainSpec(10, 4, 42), QuadrantData.tutorial(), Tolerances.DEFAULT);
        lockstep.tamper(new Lockstep.Tamper() {
            @Override
            public ParamSet gradient(long step, ParamSet g) {
                if (step == 4) g.layer(2).w()[5 * spec.nOut() + 2] += PERTURBATION;   // ∂L/∂W2[5,2]
                return g;
            }
        });
        LockstepResult r = lockstep.run();
        Divergence d = r.firstDivergence();
        assertEquals(Outcome.DISAGREE, r.outcome());
        assertEquals(4, d.step());
        assertEquals(Phase.BACKWARD, d.phase());
        assertEquals("W2[5,2]", d.where());
        assertEquals(PERTURBATION, d.dl4j() - d.scratch(), PERTURBATION * 1e-6);
        assertEquals(PERTURBATION, r.maxAbsGradDiff(), PERTURBATION * 1e-6);
        assertTrue(r.maxScaledLossDiff() <= PARITY_BOUND && r.maxAbsParamDiff() <= PARITY_BOUND, "only the compared gradient was changed");
    }

    @Test
    void aDl4jBiasGradientOffIsLocalisedToItsUnit() {
        Lockstep lockstep = new Lockstep(NetSpec.quadrant(), new TrainSpec(3, 4, 42), QuadrantData.tutorial(), Tolerances.DEFAULT);
        lockstep.tamper(new Lockstep.Tamper() {
            @Override
            public ParamSet gradient(long step, ParamSet g) {
                if (step == 2) g.layer(1).b()[17] -= PERTURBATION;
                return g;
            }
        });
        Divergence d = lockstep.run().firstDivergence();
        assertEquals("step 2, backward pass (gradient), b1[17]", d.toString().substring(0, d.toString().indexOf(':')));
    }

    /**
     * A point at the origin with zero biases makes every hidden pre-activation exactly 0 at step 1,
     * where ReLU's derivative is taken as 0 on both sides. A mask of z ≥ 0 on either side would
     * change ∂L/∂b1 at step 1 by that point's share, far beyond the tolerance.
     */
    @Test
    void bothSidesTakeReluSlopeZeroAtAnExactlyZeroPreActivation() {
        LabelledData withOrigin = new PointsData(new double[][]{{0, 0}, {1, 1}, {-1, 1}, {-1, -1}, {1, -1}}, new int[]{0, 0, 1, 2, 3});
        NetSpec spec = NetSpec.quadrant();
        assertEquals(0, ParamSet.initial(spec).layer(1).b()[0], 0.0, "normal init has zero biases, so z1(origin) = 0·W1 + 0 = 0");
        Lockstep lockstep = new Lockstep(spec, new TrainSpec(50, 5, 42), withOrigin, Tolerances.DEFAULT);
        LockstepResult r = lockstep.run();
        assertEquals(Outcome.AGREE, r.outcome(), String.valueOf(r.firstDivergence()));
    }

    /** A handful of labelled points, for data the built-in tasks cannot make (e.g. the origin). */
    record PointsData(double[][] points, int[] labels) implements LabelledData {
        @Override public String name() { return points.length + " points"; }
        @Override public int size() { return points.length; }
        @Override public int nFeatures() { return 2; }
        @Override public int nClasses() { return 4; }
        @Override public int label(int i) { return labels[i]; }
        @Override public void copyFeatures(int i, double[] dst, int offset) { System.arraycopy(points[i], 0, dst, offset, 2); }
    }

    /**
     * 2 → 200 → 4 at batch 128: products of more than 128 output columns, which the kernel cuts
     * into column panels (x·W1, dz2·W2ᵀ, and xᵀ·dz1 split between threads by panel).
     */
    @Test
    void aHiddenLayerWiderThanOneKernelPanelAgreesAtEveryStep() {
        NetSpec spec = NetSpec.quadrant().withSizes(2, 200, 4);
        LockstepResult r = new Lockstep(spec, new TrainSpec(20, 128, 42), QuadrantData.random(256, 42), Tolerances.DEFAULT).run();
        assertEquals(Outcome.AGREE, r.outcome(), String.valueOf(r.firstDivergence()));
        assertEquals(40, r.steps().size());
        assertTrue(r.maxAbsGradDiff() <= PARITY_BOUND && r.maxAbsParamDiff() <= PARITY_BOUND);
    }

    @Test
    void aPerturbedInitialDl4jWeightIsLocalisedToItsLayerAndIndex() {
        NetSpec spec = NetSpec.quadrant();
        Lockstep lockstep = new Lockstep(spec, new TrainSpec(5, 4, 42), QuadrantData.tutorial(), Tolerances.DEFAULT);
        ParamSet p = lockstep.dl4j().params();
        p.layer(2).w()[3 * spec.nOut() + 1] += PERTURBATION;   // W2[3,1]
        lockstep.dl4j().setParams(p);

        LockstepResult r = lockstep.run();
        Divergence d = r.firstDivergence();
        assertNotNull(d);
        assertEquals(Outcome.DISAGREE, r.outcome());
        assertEquals(Phase.INITIAL_PARAMETERS, d.phase());
        assertEquals("W2[3,1]", d.where());
        assertEquals(PERTURBATION, d.dl4j() - d.scratch(), PERTURBATION * 1e-6);
    }

    @Test
    void aFaultyDl4jUpdateIsLocalisedToTheStepPhaseAndIndex() {
        NetSpec spec = NetSpec.quadrant();
        Lockstep lockstep = new Lockstep(spec, new TrainSpec(10, 4, 42), QuadrantData.tutorial(), Tolerances.DEFAULT);
        lockstep.tamper(new Lockstep.Tamper() {
            @Override
            public void afterUpdate(long step, Dl4jSide dl4j) {
                if (step != 6) return;
                ParamSet p = dl4j.params();
                p.layer(1).w()[1 * spec.hidden().get(0).nOut() + 7] += PERTURBATION;   // W1[1,7]
                dl4j.setParams(p);
            }
        });
        LockstepResult r = lockstep.run();
        Divergence d = r.firstDivergence();
        assertNotNull(d);
        assertEquals(6, d.step());
        assertEquals(Phase.UPDATE, d.phase());
        assertEquals(1, d.layer());
        assertEquals("W1[1,7]", d.where());
    }

    @Tag(SLOW)
    @Test
    void aCoarseSoftmaxClipStillAgreesBecauseBothSidesShareIt() {
        // p clipped to [0.3, 0.7] changes the reported loss a lot, on both sides alike
        NetSpec spec = NetSpec.quadrant().withLossClipEps(0.3);
        Lockstep same = new Lockstep(spec, new TrainSpec(200, 4, 42), QuadrantData.tutorial(), Tolerances.DEFAULT);
        assertNull(same.run().firstDivergence());
    }

    @Test
    void aLearningRateThatBlowsUpIsReportedAsDiverged() {
        NetSpec spec = NetSpec.quadrant().withLearningRate(1e9);
        LockstepResult r = new Lockstep(spec, new TrainSpec(100, 4, 42), QuadrantData.tutorial(), Tolerances.DEFAULT).run();
        assertEquals(Outcome.DIVERGED, r.outcome());
        assertTrue(r.diverged().contains("1.0E9"), r.diverged());
        assertTrue(r.steps().size() < 100, "training should stop at the first non-finite loss");
    }

    /**
     * The softmax clip keeps a blown-up loss finite (at most −ln 1e-10 ≈ 23), so finiteness alone
     * would call this run AGREE: at lr 50 the loss leaps from 1.386 to 17.27 by step 3 and never
     * comes back (the numpy peer ends at 8.07 too).
     */
    @Tag(SLOW)
    @Test
    void aRunThatEndsFarAboveItsStartingLossIsDiverged() {
        LockstepResult r = new Lockstep(NetSpec.quadrant().withLearningRate(50), new TrainSpec(1000, 4, 42),
                QuadrantData.tutorial(), Tolerances.DEFAULT).run();
        assertEquals(Outcome.DIVERGED, r.outcome());
        assertEquals(1000, r.steps().size(), "a finite blow-up may still recover, so training runs to the end");
        assertEquals("training diverged: the loss rose from 1.386 at step 1 to a mean of 8.071 over the last epoch (DL4J: 8.071),"
                + " more than 2× its start; it first passed that at step 3. Learning rate 50.0 is too large for this net;"
                + " try --lr 5.0 or smaller.", r.diverged());
        assertNull(r.firstDivergence(), "the two sides still agree");
    }

    /** At lr 7 the loss spikes to 15 at step 8, then the net learns the points to a loss near 0: not diverged. */
    @Tag(SLOW)
    @Test
    void aSpikeThatTrainingRecoversFromIsNotDiverged() {
        LockstepResult r = new Lockstep(NetSpec.quadrant().withLearningRate(7), new TrainSpec(1000, 4, 42),
                QuadrantData.tutorial(), Tolerances.DEFAULT).run();
        double peak = r.steps().stream().mapToDouble(StepRecord::lossScratch).max().orElseThrow();
        assertTrue(peak > Lockstep.BLOW_UP_FACTOR * r.steps().get(0).lossScratch(), "it did spike: " + peak);
        assertTrue(r.last().lossScratch() < 1e-3, "and recovered: " + r.last().lossScratch());
        assertNull(r.diverged());
        assertEquals(Outcome.AGREE, r.outcome());
    }

    /** Determinism, not correctness (the numpy peer tests are that): the same seed, the same bits. */
    @Test
    void theSameSeedGivesBitIdenticalRuns() {
        List<Double> a = losses(), b = losses();
        assertEquals(a, b);
    }

    private static List<Double> losses() {
        List<Double> out = new ArrayList<>();
        new Lockstep(NetSpec.quadrant(), new TrainSpec(4, 16, 3), QuadrantData.random(64, 3), Tolerances.DEFAULT)
                .onStep((r, total) -> {
                    out.add(r.lossScratch());
                    out.add(r.lossDl4j());
                }).run();
        return out;
    }

    private static List<double[]> points() {
        List<double[]> pts = new ArrayList<>(QuadrantData.heldOutGrid());
        pts.add(new double[]{2, 2});
        return pts;
    }
}
