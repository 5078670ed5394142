package nnparity.gradcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import nnparity.spec.Activation;
import nnparity.spec.LayerSpec;
import nnparity.spec.Loss;
import nnparity.spec.NetSpec;
import nnparity.spec.Regularization;

class GradientCheckReportTest {

    @Test
    void aShapeNamesSizesActivationsLossPenaltyAndMiniBatch() {
        assertEquals("2-50-4 relu mcxent", GradientCheckReport.shape(NetSpec.quadrant()));
        NetSpec s = NetSpec.quadrant().withSizes(3, List.of(6, 5), 2).withHidden(List.of(new LayerSpec(6, Activation.TANH), new LayerSpec(5, Activation.ELU)))
                .withLoss(Loss.MSE).withOutput(new LayerSpec(2, Activation.TANH)).withRegularization(Regularization.NONE.withL2(1e-4)).withMiniBatch(false);
        assertEquals("3-6-5-2 tanh,elu mse/tanh l2=1.0E-4 no-minibatch", GradientCheckReport.shape(s));
        NetSpec perLayer = NetSpec.quadrant().withOutput(new LayerSpec(4, Activation.SOFTMAX, Regularization.NONE.withL1(1e-3)));
        assertEquals("2-50-4 relu mcxent none;l1=0.001", GradientCheckReport.shape(perLayer));
        assertEquals("2-4 xent", GradientCheckReport.shape(NetSpec.quadrant().withHidden(List.of()).withLoss(Loss.XENT)));
    }
}
