package nnparity.gradcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.nd4j.linalg.factory.Nd4j;

import nnparity.data.Batch;
import nnparity.dl4j.Dl4jNets;
import nnparity.dl4j.ParamBridge;
import nnparity.spec.Activation;
import nnparity.spec.NetSpec;
import nnparity.spec.ParamSet;

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

    /** The direction check 3 reads off DL4J's updater is what one fit() subtracts, divided by lr. */
    @Test
    void dl4jsDirectionIsTheParameterChangeOfOneFitOverLr() {
        NetSpec spec = NetSpec.quadrant().withActivation(Activation.TANH);
        Batch b = CheckBatches.of(spec, 4, spec.seed());
        ParamSet p = GradientCheck.trained(spec, GradientCheck.initialParams(spec), b, 5);
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
        assertEquals(HandWrittenGradient.production().evaluate(spec, p, b).score(), point.score(), ScoreCheck.MAX_ABS_ERROR,
                "DL4J's score() is the mean loss here");
    }
}
