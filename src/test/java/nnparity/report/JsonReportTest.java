package nnparity.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import nnparity.spec.Activation;
import nnparity.spec.Init;
import nnparity.spec.LayerSpec;
import nnparity.spec.Loss;
import nnparity.spec.NetSpec;
import nnparity.spec.Regularization;

class JsonReportTest {

    @Test
    void theLayerListNamesEveryDenseLayerWithItsSizesActivationPenaltiesAndTheOutputsLoss() {
        Regularization l2 = Regularization.NONE.withL2(1e-4).withWeightDecayBias(0.5).withWeightDecayTimesLr(false);
        NetSpec spec = new NetSpec(3, List.of(new LayerSpec(5, Activation.TANH, l2), new LayerSpec(4, Activation.LEAKYRELU)),
                new LayerSpec(2, Activation.IDENTITY), Loss.MSE, 0, 0.1, Init.XAVIER, 7, false);
        String expected = """
                [
                  {
                    "type": "DenseLayer",
                    "nIn": 3,
                    "nOut": 5,
                    "activation": "tanh",
                    "regularization": {
                      "l1": 0.0,
                      "l2": 1.0E-4,
                      "l1Bias": 0.0,
                      "l2Bias": 0.0,
                      "weightDecay": 0.0,
                      "weightDecayBias": 0.5,
                      "weightDecayTimesLr": false
                    }
                  },
                  {
                    "type": "DenseLayer",
                    "nIn": 5,
                    "nOut": 4,
                    "activation": "leakyrelu",
                    "regularization": {
                      "l1": 0.0,
                      "l2": 0.0,
                      "l1Bias": 0.0,
                      "l2Bias": 0.0,
                      "weightDecay": 0.0,
                      "weightDecayBias": 0.0,
                      "weightDecayTimesLr": true
                    }
                  },
                  {
                    "type": "OutputLayer",
                    "nIn": 4,
                    "nOut": 2,
                    "activation": "identity",
                    "loss": "MSE",
                    "lossClipEps": 0.0,
                    "regularization": {
                      "l1": 0.0,
                      "l2": 0.0,
                      "l1Bias": 0.0,
                      "l2Bias": 0.0,
                      "weightDecay": 0.0,
                      "weightDecayBias": 0.0,
                      "weightDecayTimesLr": true
                    }
                  }
                ]""";
        assertEquals(expected, Json.write(JsonReport.layers(spec)).strip());
    }
}
