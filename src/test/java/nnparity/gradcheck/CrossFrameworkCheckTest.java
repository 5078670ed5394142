package nnparity.gradcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import nnparity.data.Batch;
import nnparity.spec.Activation;
import nnparity.spec.NetSpec;
import nnparity.spec.ParamSet;

class CrossFrameworkCheckTest {

    @Test
    void aDifferenceOf1e11IsFlaggedAndOneOf1e13IsNot() {
        NetSpec spec = NetSpec.quadrant().withActivation(Activation.SIGMOID);
        Batch b = CheckBatches.of(spec, 4, spec.seed());
        ParamSet p = GradientCheck.initialParams(spec);
        ParamSet hand = HandWrittenGradient.production().meanGradient(spec, p, b);
        assertTrue(CrossFrameworkCheck.run(spec, p, b, hand).values().stream().allMatch(GroupStats::pass));

        ParamSet off = hand.copy();
        Group.W2.of(off)[5] += 1e-11; // |g| ≈ 1e-3 here: rel ≈ 1e-8, abs 1e-11, both over 1e-12
        GroupStats w2 = CrossFrameworkCheck.run(spec, p, b, off).get(Group.W2);
        assertFalse(w2.pass());
        assertEquals(5, w2.worstIndex());

        ParamSet within = hand.copy();
        Group.W2.of(within)[5] += 1e-13; // abs 1e-13 ≤ 1e-12: rounding-sized, passes
        assertTrue(CrossFrameworkCheck.run(spec, p, b, within).get(Group.W2).pass());
    }
}
