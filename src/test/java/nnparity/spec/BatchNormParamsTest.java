package nnparity.spec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

/** The canonical batch-norm numbers inside {@link ParamSet}. */
class BatchNormParamsTest {
    private static final double EXACT = 0;
    private static final NetSpec SPEC = NetSpec.quadrant().withSizes(2, List.of(5, 3), 4).withInit(Init.XAVIER)
            .withHidden(List.of(new LayerSpec(5, Activation.RELU).withBatchNorm(BatchNormSpec.DL4J_DEFAULT), new LayerSpec(3, Activation.RELU)));

    @Test
    void initialParametersStartEachBatchNormAtGammaOneBetaZeroMeanZeroVarOneAndDrawTheSameWeights() {
        ParamSet p = ParamSet.initial(SPEC);
        assertEquals(List.of(1), List.copyOf(p.batchNorm().keySet()));
        assertNull(p.batchNorm(2));
        BatchNormParams bn = p.batchNorm(1);
        assertArrayEquals(new double[]{1, 1, 1, 1, 1}, bn.gamma(), EXACT);
        assertArrayEquals(new double[5], bn.beta(), EXACT);
        assertArrayEquals(new double[5], bn.mean(), EXACT);
        assertArrayEquals(new double[]{1, 1, 1, 1, 1}, bn.var(), EXACT);
        NetSpec plain = SPEC.withHidden(List.of(new LayerSpec(5, Activation.RELU), new LayerSpec(3, Activation.RELU)));
        assertEquals(ParamSet.initial(plain).layers(), p.layers(), "batch norm draws nothing from the seed");
        assertEquals(2 * 5 + 5 + 5 * 3 + 3 + 3 * 4 + 4 + 4 * 5, p.count());
    }

    @Test
    void copyIsDeepAndEqualByValue() {
        ParamSet p = ParamSet.initial(SPEC), c = p.copy();
        assertEquals(p, c);
        assertNotSame(p.batchNorm(1).var(), c.batchNorm(1).var());
        c.batchNorm(1).var()[2] = 7;
        assertEquals(1, p.batchNorm(1).var()[2], EXACT);
    }

    @Test
    void refusesABatchNormAfterTheOutputLayerOrOfTheWrongWidth() {
        ParamSet p = ParamSet.zeros(SPEC);
        TreeMap<Integer, BatchNormParams> afterOutput = new TreeMap<>();
        afterOutput.put(3, BatchNormParams.zeros(4));
        var e = assertThrows(IllegalArgumentException.class, () -> new ParamSet(p.layers(), afterOutput));
        assertEquals("batch norm after layer 3 is invalid; only hidden layers 1..2 have one", e.getMessage());
        TreeMap<Integer, BatchNormParams> wide = new TreeMap<>();
        wide.put(2, BatchNormParams.zeros(5));
        e = assertThrows(IllegalArgumentException.class, () -> new ParamSet(p.layers(), wide));
        assertEquals("batch norm BatchNorm(5) after layer 2 does not fit its 3 units", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new BatchNormParams(2, new double[2], new double[2], new double[2], new double[3]));
        assertEquals("var has 3 values; [2] needs 2", e.getMessage());
    }
}
