package nnparity.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.dropout.GaussianDropout;
import org.junit.jupiter.api.Test;

import nnparity.spec.Activation;
import nnparity.spec.LayerSpec;
import nnparity.spec.NetSpec;

/** How the spec's keep probability becomes DL4J's dropout: stock Dropout(p) in a plain configuration, SharedMaskDropout for the lockstep. */
class Dl4jNetsDropoutTest {
    private static final SharedMaskDropout.Masks ONES = (l, it, r, c) -> new double[r * c];
    private static final NetSpec SPEC = NetSpec.quadrant().withSizes(2, List.of(6, 5), 4)
            .withHidden(List.of(new LayerSpec(6, Activation.RELU).withKeepProb(0.9), new LayerSpec(5, Activation.RELU).withKeepProb(0.5)))
            .withOutput(new LayerSpec(4, Activation.SOFTMAX).withKeepProb(0.7));

    @Test
    void eachLayerGetsStockDropoutWithItsKeepProbabilityOnItsInput() {
        MultiLayerConfiguration conf = Dl4jNets.configuration(SPEC);
        double[] expected = {0.9, 0.5, 0.7};
        for (int i = 0; i < 3; i++)
            assertEquals(expected[i], assertInstanceOf(Dropout.class, conf.getConf(i).getLayer().getIDropout()).getP(), 0.0, "layer " + i);
    }

    @Test
    void aLayerWithoutDropoutGetsNone() {
        MultiLayerConfiguration conf = Dl4jNets.configuration(NetSpec.quadrant().withKeepProb(0.8));
        assertNull(conf.getConf(0).getLayer().getIDropout(), "withKeepProb leaves the first layer (the raw input) alone");
        assertEquals(0.8, assertInstanceOf(Dropout.class, conf.getConf(1).getLayer().getIDropout()).getP(), 0.0);
    }

    @Test
    void sharedMasksReplaceEachStockDropoutKeepingPAndNumberingTheDenseLayersFromOne() {
        MultiLayerConfiguration conf = Dl4jNets.withSharedMasks(Dl4jNets.configuration(SPEC), ONES);
        double[] expected = {0.9, 0.5, 0.7};
        for (int i = 0; i < 3; i++) {
            SharedMaskDropout d = assertInstanceOf(SharedMaskDropout.class, conf.getConf(i).getLayer().getIDropout());
            assertEquals(i + 1, d.layer());
            assertEquals(expected[i], d.keepProb(), 0.0);
        }
    }

    @Test
    void aDropoutTheLockstepCannotMirrorIsRefusedNamingIt() {
        MultiLayerConfiguration conf = Dl4jNets.configuration(SPEC);
        conf.getConf(1).getLayer().setIDropout(new GaussianDropout(0.5));
        var e = assertThrows(IllegalArgumentException.class, () -> Dl4jNets.withSharedMasks(conf, ONES));
        assertTrue(e.getMessage().startsWith("layer 1 (DenseLayer) has dropout GaussianDropout"), e.getMessage());
    }
}
