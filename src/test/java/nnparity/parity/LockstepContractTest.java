package nnparity.parity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import nnparity.data.Batch;
import nnparity.data.QuadrantData;
import nnparity.spec.Activation;
import nnparity.spec.DenseParams;
import nnparity.spec.NetSpec;
import nnparity.spec.ParamSet;
import nnparity.spec.TrainSpec;

/**
 * The harness's contract on runs of ten steps or fewer, fast enough to run once per mutant:
 * what it calls, what it refuses, when it stops, and what it predicts. Expected numbers come from
 * the numpy peer (the tutorial's network in numpy, float64, on the same initial weights).
 */
class LockstepContractTest {
    /** Java and numpy sum the same few products in different orders: a few ulps. */
    static final double NUMPY_PEER = 1e-15;
    static final double EXACT = 0;
    /** Times kept in nanoseconds and read in seconds: a sum of two conversions may differ from the conversion of the sum by rounding. */
    static final double NANOSECOND = 1e-9;

    private static Lockstep tutorial(double lr, int steps) {
        return new Lockstep(NetSpec.quadrant().withLearningRate(lr), new TrainSpec(steps, 4, 42), QuadrantData.tutorial(), Tolerances.DEFAULT);
    }

    @Test
    void theUntrainedNetsPredictTheNumpyPeersProbabilitiesForEachPoint() {
        Lockstep lockstep = tutorial(0.1, 0);
        Predictions p = lockstep.predict(List.of(new double[]{2, 2}, new double[]{-1, 3}));
        double[][] numpy = {{0.24991720098329304, 0.249590979903486, 0.2506990333936476, 0.24979278571957336},
                {0.25030976344635913, 0.24989304489835723, 0.2501665064473037, 0.24963068520797993}};
        for (int i = 0; i < 2; i++) {
            for (int k = 0; k < 4; k++) {
                assertEquals(numpy[i][k], p.probScratch(i, k), NUMPY_PEER, "hand-written p[" + i + "][" + k + "]");
                assertEquals(numpy[i][k], p.probDl4j(i, k), NUMPY_PEER, "DL4J p[" + i + "][" + k + "]");
            }
        }
        assertEquals(2, p.classScratch(0));
        assertEquals(0, p.classDl4j(1));
        assertEquals(0, lockstep.run().steps().size(), "no epochs, no steps");
    }

    @Test
    void aRunThatStaysFarAboveItsStartIsDivergedWithTheStepItFirstPassedTwiceTheStart() {
        // numpy: 1.3865, 1.3289, 3.3345, then 17.2694 for every later step
        LockstepResult r = tutorial(50, 10).run();
        assertEquals(Outcome.DIVERGED, r.outcome());
        assertEquals(10, r.steps().size());
        assertEquals("training diverged: the loss rose from 1.386 at step 1 to a mean of 17.27 over the last epoch (DL4J: 17.27),"
                + " more than 2× its start; it first passed that at step 3. Learning rate 50.0 is too large for this net;"
                + " try --lr 5.0 or smaller.", r.diverged());
    }

    @Test
    void aRunWhoseOneStepEpochsEndAtTheirThirdStepIsJudgedByThatStep() {
        // numpy at lr 50: 1.3865, 1.3289, 3.3345: one step per epoch, so the last epoch's mean is 3.33, over 2× 1.39
        LockstepResult r = tutorial(50, 3).run();
        assertTrue(r.diverged().contains("to a mean of 3.335 over the last epoch (DL4J: 3.335)"), r.diverged());
        assertNull(tutorial(50, 2).run().diverged(), "after two steps the last epoch's 1.33 is below 2× the start");
    }

    /**
     * numpy at lr 10: 1.3865, 1.3747, 1.1355, 0.0889, 2.4488, 11.5696. Step 5 lies between 1.44
     * (2 ÷ the start) and 2.77 (2 × the start): a run that ends there is not diverged, and the one
     * that goes on first passes 2× its start at step 6, not 5.
     */
    @Test
    void twiceTheStartIsTheLineNotHalfOfIt() {
        assertNull(tutorial(10, 5).run().diverged(), "2.45 is below 2 × 1.386");
        String d = tutorial(10, 6).run().diverged();
        assertTrue(d.contains("to a mean of 11.57 over the last epoch") && d.contains("it first passed that at step 6."), d);
    }

    /** With two steps an epoch, the last epoch's figure is the mean of its two losses, not their sum or product. */
    @Test
    void theLastEpochsLossIsTheMeanOfItsSteps() {
        LockstepResult r = new Lockstep(NetSpec.quadrant().withLearningRate(50), new TrainSpec(6, 4, 42), QuadrantData.random(8, 42),
                Tolerances.DEFAULT).run();
        int n = r.steps().size();
        double mean = (r.steps().get(n - 2).lossScratch() + r.steps().get(n - 1).lossScratch()) / 2;
        assertEquals(12, n);
        double meanDl4j = (r.steps().get(n - 2).lossDl4j() + r.steps().get(n - 1).lossDl4j()) / 2;
        assertTrue(r.diverged().contains(String.format(java.util.Locale.ROOT, "to a mean of %.4g over the last epoch (DL4J: %.4g)",
                mean, meanDl4j)), r.diverged());
    }

    /** Step 6 at lr 10 is 11.57 by hand; DL4J's, changed to 2.0, is below 2× its start: one side blew up, so they disagree. */
    @Test
    void aBlowUpOnOneSideOnlyIsADisagreementNotADivergence() {
        LockstepResult r = tutorial(10, 6).tamper(Lockstep.Tamper.lossAt(6, loss -> 2.0)).run();
        assertNull(r.diverged());
        assertEquals(Outcome.DISAGREE, r.outcome());
        assertEquals(6, r.firstDivergence().step());
        // the other way round: by hand 2.45 at step 5, below 2× its start; DL4J's, changed to 5.0, above
        LockstepResult other = tutorial(10, 5).tamper(Lockstep.Tamper.lossAt(5, loss -> 5.0)).run();
        assertNull(other.diverged());
        assertEquals(Outcome.DISAGREE, other.outcome());
    }

    @Test
    void aLossThatIsNotANumberOnOneSideOnlyIsADisagreementAndStopsTraining() {
        Lockstep lockstep = tutorial(0.1, 10).tamper(Lockstep.Tamper.lossAt(3, loss -> Double.NaN));
        LockstepResult r = lockstep.run();
        assertEquals(Outcome.DISAGREE, r.outcome());
        assertEquals(3, r.steps().size());
        assertEquals(Phase.FORWARD, r.firstDivergence().phase());
        assertEquals(3, r.firstDivergence().step());
        assertTrue(Double.isNaN(r.firstDivergence().dl4j()));
    }

    @Test
    void parametersThatAreNotNumbersOnBothSidesAfterTheLastUpdateAreDiverged() {
        Lockstep lockstep = tutorial(0.1, 2);
        lockstep.tamper(new Lockstep.Tamper() {
            @Override
            public void afterUpdate(long step, Dl4jSide dl4j) {
                if (step != 2) return;
                for (Side side : List.<Side>of(dl4j, lockstep.scratch())) {
                    ParamSet p = side.params();
                    p.layer(2).b()[1] = Double.POSITIVE_INFINITY;
                    side.setParams(p);
                }
            }
        });
        LockstepResult r = lockstep.run();
        assertEquals(Outcome.DIVERGED, r.outcome());
        assertEquals("training diverged after step 2: the parameters are no longer finite on either side."
                + " Learning rate 0.1 is too large for this net; try --lr 0.01 or smaller.", r.diverged());
    }

    @Test
    void aWeightThatIsNotANumberOnBothSidesIsDivergedToo() {
        Lockstep lockstep = tutorial(0.1, 1);
        lockstep.tamper(new Lockstep.Tamper() {
            @Override
            public void afterUpdate(long step, Dl4jSide dl4j) {
                for (Side side : List.<Side>of(dl4j, lockstep.scratch())) {
                    ParamSet p = side.params();
                    p.layer(1).w()[7] = Double.NaN;
                    side.setParams(p);
                }
            }
        });
        assertTrue(lockstep.run().diverged().startsWith("training diverged after step 1: the parameters are no longer finite"));
    }

    @Test
    void aLossDifferenceIsMeasuredAbsolutelyAndScaled() {
        LockstepResult r = tutorial(0.1, 2).tamper(Lockstep.Tamper.lossAt(2, loss -> loss + 0.5)).run();
        assertEquals(0.5, r.maxAbsLossDiff(), NUMPY_PEER);
        // numpy: the loss at step 2 is 1.386300797841233, so DL4J's tampered one is 1.886300797841233
        assertEquals(0.5 / 1.886300797841233, r.maxScaledLossDiff(), NUMPY_PEER);
    }

    @Test
    void listenersHearEveryStepAndEveryEpochInOrder() {
        List<String> heard = new ArrayList<>();
        Lockstep lockstep = new Lockstep(NetSpec.quadrant(), new TrainSpec(2, 3, 42), QuadrantData.random(5, 1), Tolerances.DEFAULT);
        assertSame(lockstep, lockstep.onStep((r, total) -> heard.add("step " + r.step() + "/" + total + " epoch " + r.epoch())));
        assertSame(lockstep, lockstep.onEpoch((epoch, s, d) -> heard.add("epoch " + epoch)));
        assertEquals(4, lockstep.totalSteps());
        lockstep.run();
        assertEquals(List.of("step 1/4 epoch 1", "step 2/4 epoch 1", "epoch 1", "step 3/4 epoch 2", "step 4/4 epoch 2", "epoch 2"), heard);
        assertSame(Tolerances.DEFAULT, lockstep.tolerances());
    }

    @Test
    void stepIsRefusedForTrainingButComparedForward() {
        NetSpec step = NetSpec.quadrant().withActivation(Activation.STEP);
        var e = assertThrows(IllegalArgumentException.class,
                () -> new Lockstep(step, new TrainSpec(1, 4, 42), QuadrantData.tutorial(), Tolerances.DEFAULT));
        assertEquals(Activation.STEP_CANNOT_TRAIN, e.getMessage());
        LockstepResult r = new Lockstep(step, new TrainSpec(0, 4, 42), QuadrantData.tutorial(), Tolerances.DEFAULT).run();
        assertEquals(Outcome.AGREE, r.outcome());
    }

    @Test
    void aNetThatDoesNotFitTheDataIsRefusedNamingBoth() {
        NetSpec wide = NetSpec.quadrant().withSizes(3, 50, 4);
        var e = assertThrows(IllegalArgumentException.class,
                () -> new Lockstep(wide, new TrainSpec(1, 4, 42), QuadrantData.tutorial(), Tolerances.DEFAULT));
        assertEquals("the net " + wide + " does not fit the data 'quadrants, the tutorial's 4 points' (2 features, 4 classes)", e.getMessage());
        NetSpec fiveClasses = NetSpec.quadrant().withSizes(2, 50, 5);
        assertThrows(IllegalArgumentException.class,
                () -> new Lockstep(fiveClasses, new TrainSpec(1, 4, 42), QuadrantData.tutorial(), Tolerances.DEFAULT));
    }

    @Test
    void theSidesNameThemselvesAndTakeParametersInTheCanonicalLayout() {
        Lockstep lockstep = tutorial(0.1, 0);
        ScratchSide s = lockstep.scratch();
        Dl4jSide d = lockstep.dl4j();
        assertEquals("hand-written", s.name());
        assertEquals("DL4J", d.name());
        assertEquals("Dense(2→50) → relu → Dense(50→4) → SoftmaxCrossEntropy(clip=1.0E-10), SGD(lr=0.1)", s.toString());
        assertEquals("MultiLayerNetwork(2 layers)", d.toString());
        assertEquals(2, d.network().getnLayers());
        assertEquals(NetSpec.quadrant(), s.network().spec());
        ParamSet p = s.params();
        p.layer(1).b()[3] = 0.75;
        s.setParams(p);
        assertEquals(0.75, s.network().params().layer(1).b()[3], EXACT);
        DenseParams w2 = s.params().layer(2);
        assertEquals(50, w2.nIn());
    }

    @Test
    void aZeroToleranceIsValid() {
        assertEquals(0, new Tolerances(0, 0, 0, 0).paramScaled(), EXACT);
    }

    /** 2 → 6 → 5 → 4 → 4: three hidden layers, so the output layer's W is W4 and the third hidden layer's W3. */
    private static Lockstep deep(int steps) {
        NetSpec spec = NetSpec.quadrant().withActivation(Activation.TANH).withSizes(2, List.of(6, 5, 4), 4).withInit(nnparity.spec.Init.XAVIER);
        return new Lockstep(spec, new TrainSpec(steps, 4, 42), QuadrantData.tutorial(), Tolerances.DEFAULT);
    }

    @Test
    void aGradientOffInTheThirdLayerOfADeepNetIsReportedAsLayerThree() {
        Lockstep lockstep = deep(5).tamper(new Lockstep.Tamper() {
            @Override
            public ParamSet gradient(long step, ParamSet g) {
                if (step == 3) g.layer(3).w()[2 * 4 + 1] += 1e-6;   // ∂L/∂W3[2,1]
                return g;
            }
        });
        LockstepResult r = lockstep.run();
        Divergence d = r.firstDivergence();
        assertEquals(Outcome.DISAGREE, r.outcome());
        assertEquals("step 3, backward pass (gradient), W3[2,1]", d.toString().substring(0, d.toString().indexOf(':')));
        assertEquals(3, d.layer());
    }

    @Test
    void aParameterOffAfterTheUpdateInTheDeepestLayerIsReportedThere() {
        Lockstep lockstep = deep(5).tamper(new Lockstep.Tamper() {
            @Override
            public void afterUpdate(long step, Dl4jSide dl4j) {
                if (step != 2) return;
                ParamSet p = dl4j.params();
                p.layer(4).b()[3] += 1e-6;
                dl4j.setParams(p);
            }
        });
        Divergence d = lockstep.run().firstDivergence();
        assertEquals("step 2, update (parameters), b4[3]", d.toString().substring(0, d.toString().indexOf(':')));
    }

    @Test
    void anUntamperedDeepNetAgreesAtEveryStep() {
        LockstepResult r = deep(10).run();
        assertEquals(Outcome.AGREE, r.outcome(), String.valueOf(r.firstDivergence()));
        assertEquals(10, r.steps().size());
    }

    /** DL4J's tanh is its own formula, within a few ulps of Math.tanh: the untampered layers' bound. */
    static final double FEED_FORWARD_ROUNDING = 1e-15;

    /** Adds {@code delta} to DL4J's activation of layer {@code layer} (1-based), example {@code row}, unit {@code col}. */
    private static Lockstep.Tamper activationOff(int layer, int row, int col, double delta) {
        return new Lockstep.Tamper() {
            @Override
            public List<double[]> activations(List<double[]> a) {
                double[] m = a.get(layer - 1);
                m[row * (m.length / 4) + col] += delta;
                return a;
            }
        };
    }

    @Test
    void theForwardCheckComparesEveryLayerOnAtMostTheTrainingInputsAndFindsNothingInAnUntouchedNet() {
        Lockstep.ForwardCheck c = deep(0).checkForwardBeforeTraining(100);
        assertEquals(4, c.rows(), "only 4 training points");
        assertEquals(4, c.maxAbs().length, "one figure per dense layer");
        for (double m : c.maxAbs()) assertTrue(m <= FEED_FORWARD_ROUNDING, "max |Δ| " + m);
        assertNull(c.first());
        assertEquals(Outcome.AGREE, deep(0).run().outcome());
    }

    @Test
    void anActivationOffBeforeTrainingIsLocalisedToItsLayerExampleAndUnitAndMakesTheRunDisagree() {
        Lockstep lockstep = deep(3).tamper(activationOff(2, 1, 3, 1e-3));
        Lockstep.ForwardCheck c = lockstep.checkForwardBeforeTraining(4);
        assertEquals(1e-3, c.maxAbs()[1], 1e-12);
        assertTrue(c.maxAbs()[0] <= FEED_FORWARD_ROUNDING && c.maxAbs()[2] <= FEED_FORWARD_ROUNDING, "only layer 2 was changed");
        assertEquals("step 0, forward pass before training (activations), a2[1,3]", c.first().toString().substring(0, c.first().toString().indexOf(':')));
        assertEquals(2, c.first().layer());
        LockstepResult r = lockstep.run();
        assertEquals(Outcome.DISAGREE, r.outcome());
        assertSame(c.first(), r.firstDivergence());
    }

    @Test
    void theLastUnitOfTheLastExampleOfTheOutputLayerIsCompared() {
        Lockstep.ForwardCheck c = deep(0).tamper(activationOff(4, 3, 3, -1e-6)).checkForwardBeforeTraining(4);
        assertEquals("a4[3,3]", c.first().where());
        assertEquals(1e-6, c.maxAbs()[3], 1e-12);
    }

    @Test
    void aDl4jSideBuiltFromAnExistingNetworkReadsItsSpecOffIt() {
        NetSpec spec = NetSpec.quadrant().withActivation(Activation.TANH).withSizes(2, List.of(6, 5), 4);
        Dl4jSide side = new Dl4jSide(nnparity.dl4j.Dl4jNets.network(spec));
        assertEquals(spec.layers(), side.spec().layers());
        assertEquals(spec.loss(), side.spec().loss());
    }

    @Test
    void theForwardCheckFeedsEachTrainingInputOnce() {
        List<List<double[]>> seen = new ArrayList<>();
        deep(0).tamper(new Lockstep.Tamper() {
            @Override
            public List<double[]> activations(List<double[]> a) {
                seen.add(a);
                return a;
            }
        }).checkForwardBeforeTraining(4);
        double[] a1 = seen.get(0).get(0);   // [4 points, 6 units]
        for (int i = 0; i < 4; i++) {
            for (int j = i + 1; j < 4; j++) {
                assertNotEquals(java.util.Arrays.toString(java.util.Arrays.copyOfRange(a1, 6 * i, 6 * i + 6)),
                        java.util.Arrays.toString(java.util.Arrays.copyOfRange(a1, 6 * j, 6 * j + 6)), "points " + i + " and " + j);
            }
        }
    }

    /** Sets {@code change} on both sides' parameters right after the update at {@code last}. */
    private static Lockstep changedOnBothSidesAfter(Lockstep lockstep, long last, java.util.function.Consumer<ParamSet> change) {
        return lockstep.tamper(new Lockstep.Tamper() {
            @Override
            public void afterUpdate(long step, Dl4jSide dl4j) {
                if (step != last) return;
                for (Side side : List.<Side>of(dl4j, lockstep.scratch())) {
                    ParamSet p = side.params();
                    change.accept(p);
                    side.setParams(p);
                }
            }
        });
    }

    /** A batch norm's running variance, infinite on both sides, is parameters no longer finite, though every W and b is. */
    @Test
    void aRunningVarianceThatIsInfiniteOnBothSidesIsDivergedToo() {
        NetSpec spec = NetSpec.quadrant().withLearningRate(0.1).withBatchNorm(nnparity.spec.BatchNormSpec.DL4J_DEFAULT);
        Lockstep lockstep = new Lockstep(spec, new TrainSpec(2, 4, 42), QuadrantData.tutorial(), Tolerances.DEFAULT);
        LockstepResult r = changedOnBothSidesAfter(lockstep, 2, p -> p.batchNorm(1).var()[3] = Double.POSITIVE_INFINITY).run();
        assertEquals("training diverged after step 2: the parameters are no longer finite on either side."
                + " Learning rate 0.1 is too large for this net; try --lr 0.01 or smaller.", r.diverged());
    }

    @Test
    void aDivergedRunWithoutALearningRateSaysThereIsNoneToLower() {
        for (nnparity.spec.Updater u : List.of(nnparity.spec.Updater.NOOP, nnparity.spec.Updater.ADADELTA)) {
            NetSpec spec = NetSpec.quadrant().withUpdater(nnparity.spec.UpdaterSpec.defaults(u));
            Lockstep lockstep = new Lockstep(spec, new TrainSpec(1, 4, 42), QuadrantData.tutorial(), Tolerances.DEFAULT);
            String d = changedOnBothSidesAfter(lockstep, 1, p -> p.layer(1).w()[0] = Double.NaN).run().diverged();
            String advice = u == nnparity.spec.Updater.NOOP
                    ? "NoOp has no learning rate to lower (it steps θ −= g, SGD at lr 1); try --updater sgd with a small --lr."
                    : "AdaDelta has no learning rate to lower; try another --updater.";
            assertEquals("training diverged after step 1: the parameters are no longer finite on either side. " + advice, d);
        }
    }

    /**
     * Each side's training time is positive and within the wall time of the run (in seconds, not
     * nanoseconds), and the running totals listeners read end at the result's figures.
     */
    @Test
    void eachSidesTrainingTimeIsPositiveSecondsWithinTheRunsWallTime() {
        Lockstep lockstep = tutorial(0.1, 5);
        long t0 = System.nanoTime();
        LockstepResult r = lockstep.run();
        double wall = (System.nanoTime() - t0) / 1e9;
        assertTrue(r.secondsScratch() > 0 && r.secondsScratch() <= wall, r.secondsScratch() + " s of " + wall);
        assertTrue(r.secondsDl4j() > 0 && r.secondsDl4j() <= wall, r.secondsDl4j() + " s of " + wall);
        assertTrue(r.secondsScratch() + r.secondsDl4j() <= wall, "the two sides take turns");
        assertEquals(r.secondsScratch(), lockstep.secondsScratchSoFar(), EXACT);
        assertEquals(r.secondsDl4j(), lockstep.secondsDl4jSoFar(), EXACT);
    }
    /**
     * The run's wall time splits into both sides' training, the epoch listeners (here one that
     * sleeps 300 ms an epoch) and the harness's comparisons, in seconds: the listeners' share is
     * theirs alone, and the comparisons of 5 tutorial steps take far less than one listener call.
     */
    @Test
    void theRunsWallTimeSplitsIntoTrainingEpochListenersAndComparisons() {
        Lockstep lockstep = tutorial(0.1, 2);
        lockstep.onEpoch((epoch, s, d) -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        long t0 = System.nanoTime();
        LockstepResult r = lockstep.run();
        double wall = (System.nanoTime() - t0) / 1e9;
        double listeners = lockstep.secondsEpochListeners(), training = lockstep.secondsTrainingWall(), comparison = lockstep.secondsComparison();
        assertTrue(listeners >= 0.6 && listeners < wall, listeners + " s of " + wall);
        assertTrue(training >= r.secondsScratch() + r.secondsDl4j() - NANOSECOND && training < wall - listeners, training + " s");
        assertTrue(comparison > 0 && comparison < 0.3, comparison + " s");
        assertTrue(training + listeners + comparison <= wall, "the parts lie within the run");
        assertTrue(training + listeners + comparison > wall - 0.2, "and make up nearly all of it");
    }

    /** DL4J's loss is the one of the batch asked about, not of the batch it last trained on. */
    @Test
    void dl4jsLossAndGradientAreOfTheBatchAskedAbout() {
        NetSpec spec = NetSpec.quadrant();
        ParamSet p = ParamSet.initial(spec);
        Dl4jSide d = new Dl4jSide(spec);
        d.setParams(p);
        ScratchSide s = new ScratchSide(spec, p);
        Batch trained = Batch.of(QuadrantData.tutorial(), new int[]{0, 1, 2, 3}), asked = Batch.of(QuadrantData.tutorial(), new int[]{2, 3});
        d.update(trained);
        s.lossAndGradient(trained);
        s.update(trained);
        assertEquals(s.lossAndGradient(asked), d.lossAndGradient(asked), NUMPY_PEER);
        assertNull(ParamDiff.of(s.meanGradient(), d.meanGradient(), Tolerances.DEFAULT.gradScaled(), 1, Phase.BACKWARD).firstOver());
    }

    /** The hand-written side's views are its live arrays (what the copies hold); with batch norm there is no parameter view. */
    @Test
    void theHandWrittenViewsAreItsLiveGradientAndParameters() {
        ScratchSide s = tutorial(0.1, 0).scratch();
        Batch b = Batch.all(QuadrantData.tutorial());
        s.lossAndGradient(b);
        assertEquals(s.meanGradient(), s.gradientView());
        assertNotEquals(0.0, s.gradientView().layer(1).w()[0]);
        ParamSet view = s.paramView();
        s.update(b);
        assertEquals(s.params(), view, "the view shows the update");
        assertSame(view, s.paramView());
        assertNull(new ScratchSide(NetSpec.quadrant().withBatchNorm(nnparity.spec.BatchNormSpec.DL4J_DEFAULT),
                ParamSet.initial(NetSpec.quadrant().withBatchNorm(nnparity.spec.BatchNormSpec.DL4J_DEFAULT))).paramView());
    }
    /** An epoch's short last batch (10 points in batches of 4: 4, 4, 2) trains DL4J on those 2 rows, and the next epoch's full ones again. */
    @Test
    void aShortLastBatchAndTheFullOneAfterItAgree() {
        LockstepResult r = new Lockstep(NetSpec.quadrant(), new TrainSpec(2, 4, 42), QuadrantData.random(10, 3), Tolerances.DEFAULT).run();
        assertEquals(6, r.steps().size());
        assertNull(r.firstDivergence(), () -> "first divergence: " + r.firstDivergence());
        assertEquals(Outcome.AGREE, r.outcome());
    }
}
