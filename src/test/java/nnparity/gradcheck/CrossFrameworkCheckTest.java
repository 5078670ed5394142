package nnparity.gradcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.factory.Nd4j;

import nnparity.data.Batch;
import nnparity.dl4j.Dl4jNets;
import nnparity.dl4j.ParamBridge;
import nnparity.spec.Activation;
import nnparity.spec.Init;
import nnparity.spec.Loss;
import nnparity.spec.NetSpec;
import nnparity.spec.ParamSet;
import nnparity.spec.Regularization;

@ExtendWith(OneNd4jThread.class)
class CrossFrameworkCheckTest {
    private static final Group W2 = new Group(2, false);
    /**
     * θ − θ' after one fit() is the update rounded once more, by the subtraction from θ: at most
     * half an ulp of θ, about 1e-18 for these parameters; 1e-15 allows for |θ| up to 10.
     */
    private static final double SUBTRACTION_ROUNDING = 1e-15;

    @Test
    void aDifferenceOf1e11IsFlaggedAndOneOf1e13IsNot() {
        NetSpec spec = NetSpec.quadrant().withActivation(Activation.SIGMOID);
        Batch b = CheckBatches.of(spec, 4, spec.seed());
        ParamSet p = GradientCheck.initialParams(spec);
        HandWrittenGradient.Evaluation hand = HandWrittenGradient.production().evaluate(spec, p, b);
        assertTrue(CrossFrameworkCheck.run(spec, p, b, hand).pass());

        ParamSet off = hand.data().copy();
        W2.of(off)[5] += 1e-11; // |g| ≈ 1e-3 here: rel ≈ 1e-8, abs 1e-11, both over 1e-12
        GroupStats w2 = CrossFrameworkCheck.run(spec, p, b, new HandWrittenGradient.Evaluation(hand.score(), off, hand.penalty())).groups().get(W2);
        assertFalse(w2.pass());
        assertEquals(5, w2.worstIndex());

        ParamSet within = hand.data().copy();
        W2.of(within)[5] += 1e-13; // abs 1e-13 ≤ 1e-12: rounding-sized, passes
        assertTrue(CrossFrameworkCheck.run(spec, p, b, new HandWrittenGradient.Evaluation(hand.score(), within, hand.penalty())).groups().get(W2).pass());
    }

    @Test
    void aScoreOffBy1e11IsFlagged() {
        NetSpec spec = NetSpec.quadrant().withActivation(Activation.TANH);
        Batch b = CheckBatches.of(spec, 4, spec.seed());
        ParamSet p = GradientCheck.initialParams(spec);
        HandWrittenGradient.Evaluation hand = HandWrittenGradient.production().evaluate(spec, p, b);
        CrossFrameworkCheck.Result off = CrossFrameworkCheck.run(spec, p, b, new HandWrittenGradient.Evaluation(hand.score() + 1e-11, hand.data(), hand.penalty()));
        assertFalse(off.score().pass(), off.score()::toString);
        assertFalse(off.pass());
        assertTrue(off.groups().values().stream().allMatch(GroupStats::pass), "only the score is off");
    }

    /** Penalties and miniBatch settings under which DL4J's semantics are pinned below. */
    static Stream<Arguments> penalties() {
        NetSpec tanh = NetSpec.quadrant().withActivation(Activation.TANH).withInit(Init.XAVIER);
        return Stream.of(
                Arguments.of("none", tanh),
                Arguments.of("l2", tanh.withRegularization(Regularization.NONE.withL2(2e-3))),
                Arguments.of("l1", tanh.withRegularization(Regularization.NONE.withL1(2e-3))),
                Arguments.of("wd ×lr", tanh.withRegularization(Regularization.NONE.withWeightDecay(3e-3))),
                Arguments.of("wd not ×lr", tanh.withRegularization(Regularization.NONE.withWeightDecay(3e-3).withWeightDecayTimesLr(false))),
                Arguments.of("bias l1, l2, wd", tanh.withRegularization(Regularization.NONE.withL1Bias(1e-3).withL2Bias(2e-3).withWeightDecayBias(3e-3))),
                Arguments.of("all, miniBatch off", tanh.withRegularization(new Regularization(1e-3, 2e-3, 1e-3, 2e-3, 3e-3, 3e-3, true)).withMiniBatch(false)),
                Arguments.of("l2, mse, miniBatch off", tanh.withLoss(Loss.MSE).withRegularization(Regularization.NONE.withL2(2e-3)).withMiniBatch(false)));
    }

    private static ParamSet point(NetSpec spec, Batch b) {
        ParamSet p = GradientCheck.trained(spec, GradientCheck.initialParams(spec), b, 5);
        for (Group g : Group.of(spec)) if (g.isBias()) for (int i = 0; i < g.size(spec); i++) g.of(p)[i] += 0.01 * (i + 1); // no bias at l1's kink 0
        return p;
    }

    /** The direction check 3 reads off DL4J's updater is what one fit() subtracts, divided by lr. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("penalties")
    void dl4jsDirectionIsTheParameterChangeOfOneFitOverLr(String name, NetSpec spec) {
        Batch b = CheckBatches.of(spec, 8, spec.seed());
        ParamSet p = point(spec, b);
        CrossFrameworkCheck.Dl4jPoint point = CrossFrameworkCheck.dl4j(spec, p, b);

        MultiLayerNetwork net = Dl4jNets.network(spec);
        ParamBridge.write(p, net);
        net.fit(Nd4j.create(b.x(), new long[]{b.rows(), b.nIn()}, 'c'), Nd4j.create(b.t(), new long[]{b.rows(), b.nOut()}, 'c'));
        ParamSet after = ParamBridge.read(net);
        for (Group g : Group.of(spec)) {
            double[] before = g.of(p), now = g.of(after), d = g.of(point.direction());
            for (int i = 0; i < d.length; i++) {
                assertEquals(before[i] - now[i], spec.learningRate() * d[i], SUBTRACTION_ROUNDING, g.element(spec, i));
            }
        }
    }

    /**
     * DL4J's score() is the data loss (/ N when miniBatch) plus l1·Σ|θ| + ½·l2·Σθ² + ½·wd·Σθ², the
     * penalties not divided by N, and its updater's direction is the gradient of the objective
     * (l1·sign θ + l2·θ added after the division by N, wd·θ, or wd/lr·θ when not ×lr): both
     * against the double-double reference, which is written from the spec, not from DL4J.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("penalties")
    void dl4jsScoreAndDirectionAreTheReferencesWithEveryPenalty(String name, NetSpec spec) {
        Batch b = CheckBatches.of(spec, 8, spec.seed());
        ParamSet p = point(spec, b);
        CrossFrameworkCheck.Dl4jPoint point = CrossFrameworkCheck.dl4j(spec, p, b);
        ReferenceLoss ref = new ReferenceLoss(spec, p, b);
        assertTrue(new ScoreCheck(point.score(), ref.score().doubleValue()).pass(), point.score() + " vs " + ref.score());
        for (Group g : Group.of(spec)) {
            for (int i = 0; i < g.size(spec); i++) {
                NumericalCheck.Difference d = NumericalCheck.centralDifference(ref, g, i, NumericalCheck.EPS);
                double scale = Math.abs(d.data()) + Math.abs(d.penalty());
                assertEquals(d.gradient(), g.of(point.direction())[i], NumericalCheck.MAX_REL_ERROR * scale, g.element(spec, i));
            }
        }
    }
}
