package nnparity.scratch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import nnparity.spec.Activation;
import nnparity.spec.BatchNormParams;
import nnparity.spec.BatchNormSpec;
import nnparity.spec.DenseParams;
import nnparity.spec.LayerSpec;
import nnparity.spec.Loss;
import nnparity.spec.NetSpec;
import nnparity.spec.ParamSet;

/** Batch normalization inside the hand-written net: its parameters are set, read back and used like the dense layers'. */
class NetworkBatchNormTest {
    /** numpy and Java evaluate the same formula; the sum of two values of size ~3 is a few ulps apart at most. */
    static final double PEER_TOL = 1e-14;
    /** Values copied in and read back, with no arithmetic in between: bit for bit. */
    static final double COPIED = 0;

    /** 2 → 2 (identity, then batch norm with DL4J's eps 1e-5) → 1 (identity), MSE. */
    private static final NetSpec SPEC = NetSpec.quadrant().withLoss(Loss.MSE).withOutput(new LayerSpec(4, Activation.IDENTITY)).withSizes(2, List.of(2), 1)
            .withHidden(List.of(new LayerSpec(2, Activation.IDENTITY).withBatchNorm(BatchNormSpec.DL4J_DEFAULT)))
            .withOutput(new LayerSpec(1, Activation.IDENTITY));

    /** W1 = I, b1 = 0, γ = [2, 3], β = [0.5, −1], running mean [1, 2], running var [3, 8], W2 = [1, 1]ᵀ, b2 = 0. */
    private static ParamSet target() {
        TreeMap<Integer, BatchNormParams> bn = new TreeMap<>();
        bn.put(1, new BatchNormParams(2, new double[]{2, 3}, new double[]{0.5, -1}, new double[]{1, 2}, new double[]{3, 8}));
        return new ParamSet(List.of(
                new DenseParams(2, 2, new double[]{1, 0, 0, 1}, new double[]{0, 0}),
                new DenseParams(2, 1, new double[]{1, 1}, new double[]{0})), bn);
    }

    @Test
    void setParamsOverwritesGammaBetaAndTheRunningStatisticsOfEveryBatchNorm() {
        Network net = new Network(SPEC, ParamSet.zeros(SPEC));
        net.setParams(target());
        BatchNormParams bn = net.params().batchNorm(1);
        assertArrayEquals(new double[]{2, 3}, bn.gamma(), COPIED);
        assertArrayEquals(new double[]{0.5, -1}, bn.beta(), COPIED);
        assertArrayEquals(new double[]{1, 2}, bn.mean(), COPIED);
        assertArrayEquals(new double[]{3, 8}, bn.var(), COPIED);
    }

    @Test
    void inferenceAfterSetParamsNormalizesWithTheRunningStatisticsSet() {
        Network net = new Network(SPEC, ParamSet.zeros(SPEC));
        net.setParams(target());
        // numpy: ((x − mean) / √(var + 1e-5) · γ + β).sum() with x = [3, 5]
        assertArrayEquals(new double[]{4.991375754369837}, net.predict(Matrix.of(new double[][]{{3, 5}})).data, PEER_TOL);
    }

    @Test
    void aNetWithBatchNormRefusesParametersWithoutItNamingTheLayer() {
        ParamSet plain = new ParamSet(target().layers());
        var e = assertThrows(IllegalArgumentException.class, () -> new Network(SPEC, plain));
        assertEquals("the parameters have no batch norm after layer 1, which " + SPEC + " has", e.getMessage());
    }

    @Test
    void aNetThatDropsUnitsWithoutAMaskSourceNamesTheLayerCountedFromOne() {
        NetSpec dropping = SPEC.withOutput(new LayerSpec(1, Activation.IDENTITY).withKeepProb(0.5));
        var e = assertThrows(IllegalArgumentException.class, () -> new Network(dropping, target()));
        assertEquals("layer 2 of " + dropping + " drops units (keep prob 0.5): the hand-written net needs a MaskSource for its dropout masks",
                e.getMessage());
    }
}
