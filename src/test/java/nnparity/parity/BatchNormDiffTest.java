package nnparity.parity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import nnparity.spec.Activation;
import nnparity.spec.BatchNormSpec;
import nnparity.spec.Init;
import nnparity.spec.LayerSpec;
import nnparity.spec.NetSpec;
import nnparity.spec.ParamSet;

/** {@link ParamDiff} walks the batch norms in canonical order and names what differs, e.g. {@code mean1[3]}. */
class BatchNormDiffTest {
    private static final double TOL = 1e-12;
    private static final NetSpec SPEC = NetSpec.quadrant().withSizes(2, List.of(5, 3), 4).withInit(Init.XAVIER)
            .withHidden(List.of(new LayerSpec(5, Activation.RELU), new LayerSpec(3, Activation.RELU))).withBatchNorm(BatchNormSpec.DL4J_DEFAULT);

    @Test
    void aRunningMeanDifferenceIsNamedByTheDenseLayerItFollowsAndItsUnit() {
        ParamSet a = ParamSet.initial(SPEC), b = a.copy();
        b.batchNorm(1).mean()[3] = 0.5;
        ParamDiff d = ParamDiff.of(a, b, TOL, 7, Phase.UPDATE);
        assertEquals(0.5, d.maxAbs(), 0);
        assertEquals("mean1[3]", d.firstOver().where());
        assertEquals(7, d.firstOver().step());
    }

    @Test
    void theFirstDifferenceInCanonicalOrderWinsGammaBeforeW2() {
        ParamSet a = ParamSet.initial(SPEC), b = a.copy();
        b.layer(2).w()[0] += 1;
        b.batchNorm(1).gamma()[4] += 1;
        b.batchNorm(2).var()[0] += 1;
        assertEquals("gamma1[4]", ParamDiff.of(a, b, TOL, 1, Phase.UPDATE).firstOver().where());
        b.batchNorm(1).gamma()[4] -= 1;
        assertEquals("W2[0,0]", ParamDiff.of(a, b, TOL, 1, Phase.UPDATE).firstOver().where());
        b.layer(2).w()[0] -= 1;
        assertEquals("var2[0]", ParamDiff.of(a, b, TOL, 1, Phase.UPDATE).firstOver().where());
        b.batchNorm(2).var()[0] -= 1;
        assertNull(ParamDiff.of(a, b, TOL, 1, Phase.UPDATE).firstOver());
    }

    /** A batch norm after layer 2 on one side only is a different net, not a difference: refused, naming the layer. */
    @Test
    void aBatchNormOnOneSideOnlyIsRefusedNamingTheLayerItFollows() {
        ParamSet a = ParamSet.initial(SPEC);
        TreeMap<Integer, nnparity.spec.BatchNormParams> onlyFirst = new TreeMap<>();
        onlyFirst.put(1, a.batchNorm(1).copy());
        ParamSet b = new ParamSet(a.copy().layers(), onlyFirst);
        var e = assertThrows(IllegalStateException.class, () -> ParamDiff.of(a, b, TOL, 1, Phase.UPDATE));
        assertTrue(e.getMessage().startsWith("batch norm after layer 2 differs: "), e.getMessage());
    }
}
