package nnparity.parity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;

import org.junit.jupiter.api.Test;

import nnparity.data.QuadrantData;
import nnparity.spec.Activation;
import nnparity.spec.LayerSpec;
import nnparity.spec.NetSpec;
import nnparity.spec.TrainSpec;

/** Which way {@code --sides auto} shares the machine, from the size of a step, on literal sizes. */
class SidesTest {

    @Test
    void aForwardPassCountsBatchTimesEveryLayersInputsTimesOutputs() {
        assertEquals(4 * (2 * 50 + 50 * 4), Sides.forwardMultiplyAdds(NetSpec.quadrant(), 4));
        assertEquals(1_200, Sides.forwardMultiplyAdds(NetSpec.quadrant(), 4));
        assertEquals(3_970_000, Sides.forwardMultiplyAdds(NetSpec.digits(), 100));
        NetSpec deep = NetSpec.quadrant().withHidden(List.of(new LayerSpec(30, Activation.RELU), new LayerSpec(20, Activation.TANH)));
        assertEquals(10 * (2 * 30 + 30 * 20 + 20 * 4), Sides.forwardMultiplyAdds(deep, 10));
    }

    @Test
    void theTutorialsTinyStepTakesTurnsAndTheDigitsStepRunsSideBySideOnTwoCores() {
        assertEquals(Sides.TAKE_TURNS, Sides.forStep(NetSpec.quadrant(), 4, 2));
        assertEquals(Sides.SIDE_BY_SIDE, Sides.forStep(NetSpec.digits(), 100, 2));
        assertEquals(Sides.SIDE_BY_SIDE, Sides.forStep(NetSpec.digits(), 100, 64));
    }

    @Test
    void oneCoreAlwaysTakesTurns() {
        assertEquals(Sides.TAKE_TURNS, Sides.forStep(NetSpec.digits(), 100, 1));
    }

    /** 512 · (1022 + 2) = 2¹⁹ exactly; one input fewer is 512 multiply-adds short. */
    @Test
    void sideBySideStartsAtExactlyTwoToTheNineteenMultiplyAdds() {
        assertEquals(524_288, Sides.TOGETHER_FROM_MULTIPLY_ADDS);
        NetSpec atThreshold = NetSpec.tutorial(1022, 512, 2);
        assertEquals(524_288, Sides.forwardMultiplyAdds(atThreshold, 1));
        assertEquals(Sides.SIDE_BY_SIDE, Sides.forStep(atThreshold, 1, 2));
        NetSpec below = NetSpec.tutorial(1021, 512, 2);
        assertEquals(523_776, Sides.forwardMultiplyAdds(below, 1));
        assertEquals(Sides.TAKE_TURNS, Sides.forStep(below, 1, 2));
    }

    @Test
    void theFlagNamesAreTurnsAndTogether() {
        assertEquals("turns", Sides.TAKE_TURNS.id());
        assertEquals("together", Sides.SIDE_BY_SIDE.id());
    }

    /** On this machine's cores: the tutorial's step takes turns however many there are. */
    @Test
    void onThisMachineTheTutorialsStepTakesTurns() {
        assertEquals(Sides.TAKE_TURNS, Sides.forStep(NetSpec.quadrant(), 4));
        assertEquals(Runtime.getRuntime().availableProcessors() >= 2 ? Sides.SIDE_BY_SIDE : Sides.TAKE_TURNS,
                Sides.forStep(NetSpec.digits(), 100));
    }

    @Test
    void aLockstepTakesTurnsUntilToldOtherwise() {
        Lockstep l = new Lockstep(NetSpec.quadrant(), new TrainSpec(1, 4, 42), QuadrantData.tutorial(), Tolerances.DEFAULT);
        assertEquals(Sides.TAKE_TURNS, l.sides());
        assertSame(l, l.sides(Sides.SIDE_BY_SIDE));
        assertEquals(Sides.SIDE_BY_SIDE, l.sides());
    }
}
