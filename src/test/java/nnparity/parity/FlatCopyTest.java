package nnparity.parity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import nnparity.data.Batch;
import nnparity.data.QuadrantData;
import nnparity.dl4j.Dl4jNets;
import nnparity.dl4j.ParamBridge;
import nnparity.dl4j.Pitfall;
import nnparity.spec.Activation;
import nnparity.spec.BatchNormSpec;
import nnparity.spec.Init;
import nnparity.spec.NetSpec;
import nnparity.spec.ParamSet;
import nnparity.spec.TrainSpec;

/**
 * DL4J's numbers read in one bulk copy ({@link FlatCopy}) are the ones {@code ParamBridge} reads
 * through ND4J's views, and the in-place comparison gives what {@link ParamDiff} gives.
 */
class FlatCopyTest {
    private static final double TOL = 1e-12;
    /** 2 → 6 → 5 → 4: W1 [2x6] is narrower than a tile, W2 [6x5] not a multiple of it. */
    private static final NetSpec DEEP = NetSpec.quadrant().withActivation(Activation.TANH).withSizes(2, List.of(6, 5), 4);

    private static Dl4jSide trained(NetSpec spec, int steps) {
        Dl4jSide d = new Dl4jSide(spec);
        d.setParams(ParamSet.initial(spec));
        Batch b = Batch.all(QuadrantData.tutorial());
        for (int i = 0; i < steps; i++) d.update(b);
        return d;
    }

    @Test
    void parametersCopiedOutAreParamBridgesBitForBit() {
        Dl4jSide d = trained(DEEP, 3);
        FlatCopy c = new FlatCopy();
        d.paramsInto(c);
        assertEquals(d.params(), c.canonical(ParamSet.zeros(DEEP)));
    }

    @Test
    void theGradientReadInsideFitIsTheOneComputeGradientAndScoreGives() {
        Dl4jSide inFit = trained(DEEP, 2), separate = trained(DEEP, 2);
        Batch b = Batch.all(QuadrantData.tutorial());
        double loss = separate.lossAndGradient(b);
        ParamSet expected = separate.meanGradient();
        FlatCopy c = new FlatCopy();
        double[] seen = new double[1];
        assertTrue(inFit.trainStep(b, l -> {
            seen[0] = l;
            inFit.meanGradientInto(c);
            return true;
        }));
        assertEquals(loss, seen[0], 0.0);
        assertEquals(expected, c.canonical(ParamSet.zeros(DEEP)));
        separate.update(b);
        assertEquals(separate.params(), inFit.params(), "trainStep's update is fit's");
    }

    @Test
    void aStepStoppedAtItsGradientChangesNothing() {
        NetSpec adam = NetSpec.quadrant().withUpdater(nnparity.spec.UpdaterSpec.defaults(nnparity.spec.Updater.ADAM));
        Dl4jSide d = trained(adam, 2);
        ParamSet before = d.params();
        var state = d.updaterState();
        int iteration = d.iterationCount();
        assertFalse(d.trainStep(Batch.all(QuadrantData.tutorial()), l -> false));
        assertEquals(before, d.params());
        assertEquals(state, d.updaterState());
        assertEquals(iteration, d.iterationCount());
    }

    @Test
    void theInPlaceComparisonGivesParamDiffsMaximumAndFirstElement() {
        Dl4jSide d = trained(DEEP, 1);
        ParamSet mine = d.params();
        FlatCopy c = new FlatCopy();
        d.paramsInto(c);
        assertEquals(new ParamDiff(0, null), c.diff(mine, TOL, 1, Phase.UPDATE, true), "identical: 0");

        ParamSet theirs = mine.copy();
        theirs.layer(2).w()[4 * 5 + 3] += 3e-13;   // W2[4,3], the last tile's, within the tolerance
        c.scatterFrom(theirs);
        assertEquals(ParamDiff.of(mine, theirs, TOL, 1, Phase.UPDATE), c.diff(mine, TOL, 1, Phase.UPDATE, true));

        theirs.layer(1).w()[1 * 6 + 5] += 1e-9;    // W1[1,5]: beyond it
        theirs.layer(2).b()[2] += 2e-9;           // b2[2]: further beyond, later in canonical order
        c.scatterFrom(theirs);
        ParamDiff expected = ParamDiff.of(mine, theirs, TOL, 7, Phase.UPDATE);
        ParamDiff got = c.diff(mine, TOL, 7, Phase.UPDATE, true);
        assertEquals(expected, got);
        assertEquals("W", got.firstOver().param());
        assertNull(c.diff(mine, TOL, 7, Phase.UPDATE, false).firstOver(), "the first element only when asked");
    }

    @Test
    void largeValuesWithinTheScaledToleranceAndNotANumberAreJudgedAsParamDiffJudgesThem() {
        Dl4jSide d = trained(DEEP, 0);
        ParamSet mine = d.params();
        mine.layer(1).w()[0] = 1e4;
        mine.layer(1).w()[1] = Double.POSITIVE_INFINITY;
        ParamSet theirs = mine.copy();
        theirs.layer(1).w()[0] = Math.nextUp(1e4);   // |Δ| 1.8e-12 > tol, but 1.8e-16 scaled: within
        FlatCopy c = new FlatCopy();
        d.paramsInto(c);
        c.scatterFrom(theirs);
        ParamDiff got = c.diff(mine, TOL, 1, Phase.UPDATE, true);
        assertEquals(ParamDiff.of(mine, theirs, TOL, 1, Phase.UPDATE), got);
        assertEquals(Math.ulp(1e4), got.maxAbs(), 0.0, "equal infinities differ by 0");
        assertNull(got.firstOver());

        theirs.layer(2).b()[1] = Double.NaN;
        c.scatterFrom(theirs);
        got = c.diff(mine, TOL, 1, Phase.UPDATE, true);
        assertTrue(Double.isNaN(got.maxAbs()));
        assertEquals(ParamDiff.of(mine, theirs, TOL, 1, Phase.UPDATE), got);
    }

    @Test
    void bothSidesSideBySideGiveWhatTheyGiveTakingTurns() {
        for (NetSpec spec : List.of(DEEP, NetSpec.quadrant().withSizes(2, List.of(16, 12), 4).withKeepProb(0.5))) {
            LockstepResult turns = new Lockstep(spec, new TrainSpec(20, 4, 42), QuadrantData.random(40, 3), Tolerances.DEFAULT).run();
            Lockstep lockstep = new Lockstep(spec, new TrainSpec(20, 4, 42), QuadrantData.random(40, 3), Tolerances.DEFAULT).sides(Sides.SIDE_BY_SIDE);
            LockstepResult both = lockstep.run();
            assertEquals(turns.steps(), both.steps(), spec::toString);
            assertEquals(turns.maxAbsGradDiff(), both.maxAbsGradDiff(), 0.0);
            assertEquals(turns.maxAbsParamDiff(), both.maxAbsParamDiff(), 0.0);
            assertEquals(turns.firstDivergence(), both.firstDivergence());
            assertTrue(lockstep.secondsTrainingWall() >= lockstep.secondsDl4jSoFar(), "the wall time holds DL4J's");
        }
    }

    @Test
    void aNotANumberLossStopsBothWaysAtTheSameStep() {
        for (Sides sides : Sides.values()) {
            Lockstep l = new Lockstep(NetSpec.quadrant(), new TrainSpec(10, 4, 42), QuadrantData.tutorial(), Tolerances.DEFAULT)
                    .sides(sides).tamper(Lockstep.Tamper.lossAt(3, loss -> Double.NaN));
            LockstepResult r = l.run();
            assertEquals(3, r.steps().size(), sides::toString);
            assertEquals(2, l.dl4j().iterationCount(), "DL4J did not update at step 3");
            assertEquals(l.dl4j().params(), l.scratch().params(), "nor did the hand-written side");
        }
    }
    /** 2 → 20 → 12 → 4: W1 [2×20] is three tiles wide (the last one 4 columns), W2 [20×12] two. */
    private static final NetSpec WIDE = NetSpec.quadrant().withActivation(Activation.TANH).withSizes(2, List.of(20, 12), 4);
    /** 2⁻⁴²: exactly the difference of 0.5 and 0.5 + 2⁻⁴², and within {@link #TOL}. */
    private static final double TINY = Math.scalb(1.0, -42);

    /** Every element of a wide W, in every tile, is compared: one difference anywhere is the maximum. */
    @Test
    void aDifferenceInAnyTileOfAWideWeightIsTheMaximum() {
        Dl4jSide d = trained(WIDE, 0);
        ParamSet mine = ParamSet.zeros(WIDE);   // zeros but one element: comparing the wrong elements would find nothing
        FlatCopy c = new FlatCopy();
        d.paramsInto(c);
        int[][] places = {{1, 0, 0}, {1, 1, 9}, {1, 1, 19}, {1, 0, 17}, {2, 13, 10}, {2, 19, 11}, {2, 0, 8}, {3, 11, 3}};
        for (int[] at : places) {
            ParamSet theirs = mine.copy();
            double[] w = theirs.layer(at[0]).w(), own = mine.layer(at[0]).w();
            int cols = theirs.layer(at[0]).nOut(), i = at[1] * cols + at[2];
            own[i] = 0.5;
            w[i] = 0.5 + TINY;
            c.scatterFrom(theirs);
            ParamDiff got = c.diff(mine, TOL, 1, Phase.UPDATE, true);
            assertEquals(TINY, got.maxAbs(), 0.0, "W" + at[0] + "[" + at[1] + "," + at[2] + "]");
            assertNull(got.firstOver());
            w[i] = 0.5 + 1e-9;
            c.scatterFrom(theirs);
            got = c.diff(mine, TOL, 1, Phase.UPDATE, true);
            assertEquals("W", got.firstOver().param());
            assertEquals(at[0], got.firstOver().layer());
            assertEquals(at[1], got.firstOver().row());
            assertEquals(at[2], got.firstOver().col());
            own[i] = 1e-9;   // opposite signs: |Δ| is 2e-9, beyond the tolerance, though the values sum to 0
            w[i] = -1e-9;
            c.scatterFrom(theirs);
            got = c.diff(mine, TOL, 1, Phase.UPDATE, true);
            assertEquals(2e-9, got.maxAbs(), 0.0);
            assertEquals(at[2], got.firstOver().col());
            own[i] = w[i] = 0;
        }
    }

    /** A net held in float (the FLOAT pitfall): its numbers widened to double, as ParamBridge reads them. */
    @Test
    void aFloatNetsParametersAndGradientAreReadWidenedAsParamBridgeReadsThem() {
        PitfallSide d = new PitfallSide(DEEP, Pitfall.FLOAT);
        d.setParams(ParamSet.initial(DEEP));
        assertEquals(DataType.FLOAT, d.network().params().dataType());
        FlatCopy params = new FlatCopy(), gradient = new FlatCopy();
        ParamSet[] expected = new ParamSet[1];
        d.trainStep(Batch.all(QuadrantData.tutorial()), l -> {
            d.meanGradientInto(gradient);
            expected[0] = ParamBridge.gradient(d.network().gradient(), DEEP, 4);
            return true;
        });
        assertEquals(expected[0], gradient.canonical(ParamSet.zeros(DEEP)));
        d.paramsInto(params);
        assertEquals(ParamBridge.read(d.network()), params.canonical(ParamSet.zeros(DEEP)));
    }

    /** DL4J's default batch norm keeps log10(std): the copy holds var = (10^s)², mean as it is, as ParamBridge reads them. */
    @Test
    void aBatchNormsRunningStatisticsAndItsGradientAreReadAsParamBridgeReadsThem() {
        NetSpec bn = WIDE.withInit(Init.XAVIER).withBatchNorm(BatchNormSpec.DL4J_DEFAULT);
        Dl4jSide d = trained(bn, 2);
        FlatCopy params = new FlatCopy(), gradient = new FlatCopy();
        d.paramsInto(params);
        ParamSet read = params.canonical(ParamSet.zeros(bn));
        assertEquals(d.params(), read);
        assertTrue(read.batchNorm(1).var()[0] != 1 && read.batchNorm(2).mean()[0] != 0, "the running statistics moved");
        ParamSet[] expected = new ParamSet[1];
        d.trainStep(Batch.all(QuadrantData.tutorial()), l -> {
            d.meanGradientInto(gradient);
            expected[0] = d.meanGradient();
            return true;
        });
        assertEquals(expected[0], gradient.canonical(ParamSet.zeros(bn)));

        ParamSet mine = expected[0].copy();
        assertEquals(new ParamDiff(0, null), gradient.diff(mine, TOL, 1, Phase.BACKWARD, true), "the batch norms' zeros compared too");
        mine.batchNorm(2).var()[11] = 1e-9;
        Divergence over = gradient.diff(mine, TOL, 1, Phase.BACKWARD, true).firstOver();
        assertEquals("var", over.param());
        assertEquals(2, over.layer());
        assertEquals(11, over.col());

        ParamSet written = expected[0].copy();
        written.batchNorm(1).mean()[0] = 5;   // a test's tampering writes into the zeros
        gradient.scatterFrom(written);
        d.meanGradientInto(gradient);
        assertEquals(0.0, gradient.canonical(ParamSet.zeros(bn)).batchNorm(1).mean()[0], 0.0, "the next reading has its zeros again");
    }

    /** A user's net whose batch norm keeps the variance itself (useLogStd false): read as it is. */
    @Test
    void aBatchNormKeepingTheVarianceItselfIsReadAsItIs() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(7).dataType(DataType.DOUBLE).updater(new Sgd(0.1)).list()
                .layer(new DenseLayer.Builder().nIn(2).nOut(6).activation(org.nd4j.linalg.activations.Activation.TANH).build())
                .layer(new BatchNormalization.Builder().nOut(6).useLogStd(false).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(6).nOut(4)
                        .activation(org.nd4j.linalg.activations.Activation.SOFTMAX).build())
                .build();
        Dl4jNets.useDoublePrecision();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        Batch b = Batch.all(QuadrantData.tutorial());
        net.fit(Nd4j.create(b.x(), new long[]{4, 2}, 'c'), Nd4j.create(b.t(), new long[]{4, 4}, 'c'));
        FlatCopy c = new FlatCopy();
        c.readParams(net);
        ParamSet read = ParamBridge.read(net);
        assertEquals(read, c.canonical(read));
        assertTrue(read.batchNorm(1).var()[2] != 1, "the running variance moved");
    }

    /** Without miniBatch DL4J steps along the summed gradient, which is then what is read (divided by 1). */
    @Test
    void withoutMiniBatchTheGradientIsReadUndivided() {
        NetSpec sum = DEEP.withMiniBatch(false);
        Dl4jSide inFit = trained(sum, 1), separate = trained(sum, 1);
        Batch b = Batch.all(QuadrantData.tutorial());
        separate.lossAndGradient(b);
        ParamSet expected = ParamBridge.gradient(separate.network().gradient(), sum, 1);
        FlatCopy c = new FlatCopy();
        inFit.trainStep(b, l -> {
            inFit.meanGradientInto(c);
            return true;
        });
        assertEquals(expected, c.canonical(ParamSet.zeros(sum)));
        assertEquals(separate.meanGradient(), c.canonical(ParamSet.zeros(sum)));
    }

    /** Parameters shaped otherwise than DL4J's are refused, naming the array that does not fit. */
    @Test
    void parametersOfAnotherShapeAreRefused() {
        Dl4jSide d = trained(DEEP, 0);
        FlatCopy c = new FlatCopy();
        d.paramsInto(c);
        IllegalStateException fewer = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> c.diff(ParamSet.zeros(NetSpec.quadrant().withSizes(2, List.of(6), 4)), TOL, 1, Phase.UPDATE, true));
        assertEquals("parameters of 4 arrays do not fit DL4J's 6", fewer.getMessage());
        IllegalStateException wider = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> c.diff(ParamSet.zeros(NetSpec.quadrant().withActivation(Activation.TANH).withSizes(2, List.of(7, 5), 4)), TOL, 1, Phase.UPDATE, true));
        assertEquals("array 1 in canonical order has 12 values in DL4J, 14 canonical ones", wider.getMessage());
    }
}
