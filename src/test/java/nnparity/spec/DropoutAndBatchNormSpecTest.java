package nnparity.spec;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DropoutAndBatchNormSpecTest {

    @Test
    void keepProbIsTheChanceAUnitIsKeptInZeroToOne() {
        assertEquals("keep probability 0.0 is invalid; it must be in (0, 1], the chance a unit is kept (1 = no dropout)",
                assertThrows(IllegalArgumentException.class, () -> new LayerSpec(5, Activation.RELU).withKeepProb(0)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new LayerSpec(5, Activation.RELU).withKeepProb(1.2));
        assertFalse(new LayerSpec(5, Activation.RELU).hasDropout());
    }

    @Test
    void netWideDropoutSparesTheRawInputLikeTheBooksDropoutAfterEachHiddenLayer() {
        NetSpec s = NetSpec.quadrant().withSizes(2, List.of(8, 6), 4).withKeepProb(0.8);
        assertEquals(List.of(1.0, 0.8, 0.8), s.layers().stream().map(LayerSpec::keepProb).toList());
        assertTrue(s.hasDropout());
        assertEquals("2→8→6→4 relu, softmax+CE(clip 1.0E-10), SGD(lr=0.1), keep prob 1,0.8,0.8, init normal, seed 42, double", s.toString());
    }

    @Test
    void batchNormFollowsHiddenLayersOnly() {
        NetSpec s = NetSpec.quadrant().withBatchNorm(BatchNormSpec.DL4J_DEFAULT);
        assertTrue(s.hasBatchNorm());
        assertEquals("2→50→4 relu, softmax+CE(clip 1.0E-10), SGD(lr=0.1), batchnorm(eps=1.0E-5, decay=0.9) after each hidden layer,"
                + " init normal, seed 42, double", s.toString());
        assertEquals("the output layer cannot be followed by batch normalization; put it after hidden layers",
                assertThrows(IllegalArgumentException.class,
                        () -> NetSpec.quadrant().withOutput(NetSpec.quadrant().output().withBatchNorm(BatchNormSpec.DL4J_DEFAULT))).getMessage());
        assertEquals("batch norm decay 1.0 is invalid; it must be in [0, 1)",
                assertThrows(IllegalArgumentException.class, () -> new BatchNormSpec(1e-5, 1)).getMessage());
        assertTrue(BatchNormSpec.NONE.isNone());
        assertFalse(BatchNormSpec.DL4J_DEFAULT.isNone());
    }

    @Test
    void theUpdaterAndGradientNormalizationShowInTheSpecsLine() {
        NetSpec s = NetSpec.quadrant().withUpdater(UpdaterSpec.defaults(Updater.ADAM))
                .withGradNorm(new GradNorm(GradNorm.Mode.CLIP_ELEMENT_WISE_ABSOLUTE_VALUE, 0.5));
        assertEquals("2→50→4 relu, softmax+CE(clip 1.0E-10), Adam(lr=0.001, beta1=0.9, beta2=0.999, epsilon=1.0E-8),"
                + " clip-element-wise-absolute-value(threshold=0.5), init normal, seed 42, double", s.toString());
        assertEquals(0.001, s.learningRate());
        assertEquals(0.05, s.withLearningRate(0.05).updater().get(UpdaterSetting.LEARNING_RATE));
    }
}
