package nnparity.scratch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import nnparity.spec.BatchNormParams;
import nnparity.spec.BatchNormSpec;

/**
 * {@link BatchNorm} against the numpy peer {@code src/test/python/batchnorm_peer.py}: the book's
 * {@code BatchNormalization} class (ch6 {@code common/layers.py}) with DL4J's eps 1e-5 and decay
 * 0.9, on a 4×3 batch whose running statistics start away from DL4J's (0, 1) so that both terms of
 * the running update show.
 */
class BatchNormTest {
    /** numpy and Java evaluate the same formulas in the same order up to the sums' order: a few ulps of values of size ~1. */
    private static final double PEER_TOL = 1e-14;
    /** Values copied in and read back, with no arithmetic in between: bit for bit. */
    static final double COPIED = 0;

    private static final double[] X = {1.0, -2.0, 0.5, 3.0, 0.0, -1.5, -0.5, 4.0, 2.0, 2.5, 1.0, 0.0};
    private static final double[] DOUT = {0.2, -0.1, 0.4, -0.3, 0.5, 0.1, 0.6, 0.2, -0.2, 0.1, -0.4, 0.3};

    private static BatchNorm layer(Fault fault) {
        BatchNormParams p = new BatchNormParams(3, new double[]{1.5, 0.5, -2.0}, new double[]{0.1, -0.2, 0.3},
                new double[]{0.2, -0.1, 0.0}, new double[]{1.0, 2.0, 0.5});
        return new BatchNorm(1, BatchNormSpec.DL4J_DEFAULT, p, fault);
    }

    private static Matrix x() {
        return new Matrix(4, 3, X.clone());
    }

    @Test
    void trainingForwardNormalizesWithTheBatchMeanAndBiasedVarianceThenScalesAndShifts() {
        double[] y = layer(Fault.NONE).forward(x()).data;
        assertArrayEquals(new double[]{-0.4477210969175217, -0.8350846186853564, -0.09999872000614396,
                1.7431632907525652, -0.3732048960050972, 3.0999910400430073,
                -2.0908843876700867, 0.5505545493554211, -2.4999910400430077,
                1.1954421938350435, -0.1422650346649676, 0.6999987200061439}, y, PEER_TOL);
    }

    @Test
    void backwardMatchesTheBooksFormulaForXGammaAndBeta() {
        BatchNorm bn = layer(Fault.NONE);
        bn.forward(x());
        double[] dx = bn.backward(new Matrix(4, 3, DOUT.clone())).data;
        assertArrayEquals(new double[]{-0.06572588897410968, -0.01939898086883399, -0.4319984128086016,
                -0.1314549912281839, 0.1080798462391089, 0.3039975936184318,
                0.01095699256232199, 0.01662770844480027, 0.3360003583913985,
                0.18622388763997158, -0.10530857381507519, -0.20799953920122877}, dx, PEER_TOL);
        assertArrayEquals(new double[]{-1.2049864132185477, 0.20784587520611666, -0.39999872000614395}, bn.gamma().grad().data, PEER_TOL);
        assertArrayEquals(new double[]{0.6, 0.20000000000000007, 0.6}, bn.beta().grad().data, PEER_TOL);
    }

    @Test
    void inputGradientSumsToZeroPerUnitBecauseTheOutputIgnoresAShiftOfTheInput() {
        BatchNorm bn = layer(Fault.NONE);
        bn.forward(x());
        double[] dx = bn.backward(new Matrix(4, 3, DOUT.clone())).data;
        for (int j = 0; j < 3; j++) assertEquals(0, dx[j] + dx[3 + j] + dx[6 + j] + dx[9 + j], PEER_TOL, "Σ_i ∂L/∂x_i" + j);
    }

    @Test
    void faultWithoutTheMeanTermLeavesDxcAsTheInputGradient() {
        BatchNorm bn = layer(Fault.BATCHNORM_NO_MEAN_TERM);
        bn.forward(x());
        double[] dx = bn.backward(new Matrix(4, 3, DOUT.clone())).data;
        assertArrayEquals(new double[]{0.09859044010114686, -0.00785198780182751, -0.671997644812288,
                0.03286133784707262, 0.11962683930611538, 0.06399836161474545,
                0.17527332163757853, 0.02817470151180675, 0.09600112638771213,
                0.3505402167152281, -0.0937615807480687, -0.44799877120491516}, dx, PEER_TOL);
    }

    @Test
    void runningStatisticsMoveByOneMinusDecayTowardTheBatchsOnlyWhenAsked() {
        BatchNorm bn = layer(Fault.NONE);
        bn.forward(x());
        bn.backward(new Matrix(4, 3, DOUT.clone()));
        assertArrayEquals(new double[]{0.2, -0.1, 0.0}, bn.params().mean(), 0, "forward and backward alone change nothing");
        bn.updateRunningStatistics();
        assertArrayEquals(new double[]{0.32999999999999996, -0.01500000000000003, 0.02499999999999999}, bn.params().mean(), PEER_TOL);
        assertArrayEquals(new double[]{1.0875, 2.26875, 0.60625}, bn.params().var(), PEER_TOL);
    }

    @Test
    void inferenceUsesTheRunningStatisticsNotTheBatchs() {
        BatchNorm bn = layer(Fault.NONE);
        bn.forward(x());
        bn.updateRunningStatistics();
        assertArrayEquals(new double[]{1.0637168051139456, -0.858925382156422, -0.9200964056198047,
                3.9404833875436336, -0.19502071499629908, 4.217151618042531,
                -1.0938581317083202, 1.1327886193239467, -4.773032423366557,
                3.2212917419362115, 0.1369316185837624, 0.36421560029577915}, bn.infer(x()).data, PEER_TOL);
    }

    @Test
    void gradientsHoldZeroForTheRunningStatistics() {
        BatchNorm bn = layer(Fault.NONE);
        bn.forward(x());
        bn.backward(new Matrix(4, 3, DOUT.clone()));
        BatchNormParams g = bn.gradients();
        assertArrayEquals(new double[3], g.mean(), 0);
        assertArrayEquals(new double[3], g.var(), 0);
    }

    @Test
    void refusesARunningUpdateBeforeAnyTrainingForwardAndAnInputOfAnotherWidth() {
        BatchNorm bn = layer(Fault.NONE);
        assertThrows(IllegalStateException.class, bn::updateRunningStatistics);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> bn.forward(new Matrix(2, 2, new double[4])));
        assertEquals("batch norm 1 takes 3 columns, not [2x2]", e.getMessage());
    }

    @Test
    void inferenceRefusesAnInputOfAnotherWidth() {
        var e = assertThrows(IllegalArgumentException.class, () -> layer(Fault.NONE).infer(new Matrix(2, 4, new double[8])));
        assertEquals("batch norm 1 takes 3 columns, not [2x4]", e.getMessage());
    }

    @Test
    void setParamsOverwritesGammaBetaAndTheRunningStatisticsAndRefusesAnotherWidth() {
        BatchNorm bn = layer(Fault.NONE);
        bn.setParams(new BatchNormParams(3, new double[]{2, 3, 4}, new double[]{5, 6, 7}, new double[]{8, 9, 10}, new double[]{11, 12, 13}));
        BatchNormParams p = bn.params();
        assertArrayEquals(new double[]{2, 3, 4}, p.gamma(), COPIED);
        assertArrayEquals(new double[]{5, 6, 7}, p.beta(), COPIED);
        assertArrayEquals(new double[]{8, 9, 10}, p.mean(), COPIED);
        assertArrayEquals(new double[]{11, 12, 13}, p.var(), COPIED);
        assertThrows(IllegalArgumentException.class, () -> bn.setParams(BatchNormParams.zeros(2)));
    }

    @Test
    void nameAndParametersAreGammaAndBetaOfTheDenseLayerItFollows() {
        BatchNorm bn = layer(Fault.NONE);
        assertEquals("gamma1", bn.parameters().get(0).name());
        assertEquals("beta1", bn.parameters().get(1).name());
        assertEquals("BatchNorm(3, eps=1.0E-5, decay=0.9)", bn.toString());
    }
}
