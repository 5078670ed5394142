package nnparity.gradcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import nnparity.data.Batch;
import nnparity.scratch.Matrix;
import nnparity.scratch.Network;
import nnparity.spec.Activation;
import nnparity.spec.NetSpec;
import nnparity.spec.ParamSet;

class ReferenceLossTest {

    /**
     * The production loss is computed in double: p carries a relative rounding error of a few
     * 1e-16, which log turns into an absolute error of a few 1e-16 in log p, whatever the size of
     * the loss. 1e-14 absolute allows for a hundred such and nothing more.
     */
    private static final double SAME_LOSS_ABS = 1e-14;
    /** Two double-double evaluations of the same number in a different order: a few units of 2^-104. */
    private static final double DD_REL = 1e-29;

    private static double productionLoss(NetSpec spec, ParamSet p, Batch b) {
        return new Network(spec, p).lossAndGradients(new Matrix(b.rows(), b.nIn(), b.x()), new Matrix(b.rows(), b.nOut(), b.t()));
    }

    @ParameterizedTest
    @EnumSource(names = {"RELU", "SIGMOID", "TANH", "IDENTITY"})
    void referenceLossIsTheHandWrittenNetsLoss(Activation a) {
        for (NetSpec s : GradientCheckMatrixTest.shapes()) {
            NetSpec spec = s.withActivation(a);
            for (int batch : GradientCheckMatrixTest.BATCHES) {
                Batch b = CheckBatches.of(spec, batch, spec.seed());
                ParamSet p = GradientCheck.trained(spec, GradientCheck.initialParams(spec), b, 20);
                double want = productionLoss(spec, p, b), got = new ReferenceLoss(spec, p, b).loss().doubleValue();
                assertEquals(want, got, SAME_LOSS_ABS, spec + ", batch " + batch);
            }
        }
    }

    /** Perturbing one parameter reuses what does not depend on it; that must equal building afresh. */
    @ParameterizedTest
    @EnumSource(names = {"RELU", "TANH"})
    void aPerturbedEvaluationEqualsAFreshOneAtThePerturbedParameters(Activation a) {
        NetSpec spec = NetSpec.quadrant().withSizes(3, 5, 4).withActivation(a).withInit(nnparity.spec.Init.XAVIER);
        Batch b = CheckBatches.of(spec, 6, 9);
        ParamSet p = GradientCheck.initialParams(spec);
        ReferenceLoss ref = new ReferenceLoss(spec, p, b);
        for (Group g : Group.values()) {
            for (int i = 0; i < g.size(spec); i++) {
                double theta = g.of(p)[i];
                // a step that θ + δ represents exactly in double, so both sides see the same parameter
                double delta = theta == 0 ? 0x1p-20 : 64 * Math.ulp(theta);
                assertEquals(0, new BigDecimal(theta).add(new BigDecimal(delta)).compareTo(new BigDecimal(theta + delta)));
                ParamSet moved = p.copy();
                g.of(moved)[i] = theta + delta;
                double fresh = new ReferenceLoss(spec, moved, b).loss().doubleValue();
                DoubleDouble incremental = ref.perturbed(g, i, delta).loss();
                assertEquals(fresh, incremental.doubleValue(), DD_REL * Math.abs(fresh), g.element(spec, i));
            }
        }
        assertEquals(ref.loss().doubleValue(), ref.perturbed(Group.W2, 3, 0).loss().doubleValue(), 0.0, "δ = 0 changes nothing");
    }

    /**
     * Why the numerical check does not work in double: at the tutorial's 4 symmetric points with
     * identity, ∂L/∂b1 is ≈ 1e-11, far below the ≈ 1e-10 noise of a double central difference at
     * ε = 1e-6. The double-double reference resolves it to 7 digits.
     */
    @Test
    void centralDifferencesInDoubleCannotResolveTinyGradientsButDoubleDoubleCan() {
        NetSpec spec = NetSpec.quadrant().withActivation(Activation.IDENTITY);
        Batch b = CheckBatches.of(spec, 4, spec.seed());
        ParamSet p = GradientCheck.initialParams(spec);
        double[] analytic = Group.B1.of(HandWrittenGradient.production().meanGradient(spec, p, b));
        int j = 0;
        for (int k = 1; k < analytic.length; k++) if (Math.abs(analytic[k]) < Math.abs(analytic[j])) j = k;
        assertTrue(Math.abs(analytic[j]) < 1e-10, "a tiny gradient: " + analytic[j]);

        double eps = 1e-6;
        ParamSet plus = p.copy(), minus = p.copy();
        Group.B1.of(plus)[j] += eps;
        Group.B1.of(minus)[j] -= eps;
        double inDouble = (productionLoss(spec, plus, b) - productionLoss(spec, minus, b)) / (2 * eps);
        double inDoubleDouble = NumericalCheck.centralDifference(new ReferenceLoss(spec, p, b), spec.hidden().get(0).activation(), Group.B1, j,
                NumericalCheck.EPS).gradient();

        assertTrue(RelativeError.of(analytic[j], inDouble) > 1e-3, "double: " + inDouble + " vs " + analytic[j]);
        assertTrue(RelativeError.of(analytic[j], inDoubleDouble) <= NumericalCheck.MAX_REL_ERROR,
                "double-double: " + inDoubleDouble + " vs " + analytic[j]);
    }
}
