package nnparity.scratch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * DL4J's form of each updater against the book's (Deep Learning from Scratch, ch6
 * {@code common/optimizer.py}), both run here on the same three gradients
 * ({@link UpdaterRulesTest#G}) from θ = 0 at the same settings: the book's forms are transcribed
 * below line by line, DL4J's are the production rules. Where they differ, the difference after three
 * steps is the literal {@code updater_literals.py} prints for the two forms in numpy.
 */
class BookFormTest {
    /** Three steps of a few operations each, on values ≤ 1: a few ulps of 1. */
    static final double ROUNDING = 1e-15;

    private static final double[][] G = UpdaterRulesTest.G;

    /** θ after three DL4J updates by {@code rule}: θ −= u. */
    private static double[] dl4j(GradientUpdater rule, double lr) {
        double[] theta = new double[3];
        double[][] s = UpdaterRulesTest.initial(rule, 3);
        for (int t = 0; t < G.length; t++) {
            double[] u = G[t].clone();
            rule.apply(u, s, lr, t);
            for (int i = 0; i < 3; i++) theta[i] -= u[i];
        }
        return theta;
    }

    private static double[] diff(double[] a, double[] b) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) d[i] = a[i] - b[i];
        return d;
    }

    private static void assertClose(double[] expected, double[] actual, double tol, String what) {
        for (int i = 0; i < expected.length; i++) assertEquals(expected[i], actual[i], tol, what + "[" + i + "]");
    }

    /** The book's Nesterov: v *= μ; v −= lr·g; θ += μ·μ·v; θ −= (1 + μ)·lr·g. */
    private static double[] bookNesterov(double lr, double mu) {
        double[] v = new double[3], theta = new double[3];
        for (double[] g : G)
            for (int i = 0; i < 3; i++) {
                v[i] *= mu;
                v[i] -= lr * g[i];
                theta[i] += mu * mu * v[i];
                theta[i] -= (1 + mu) * lr * g[i];
            }
        return theta;
    }

    @Test
    void nesterovDiffersFromTheBookByMuSquaredTimesTheChangeOfVelocity() {
        double[] book = bookNesterov(0.1, 0.9), ours = dl4j(new Nesterovs(0.9), 0.1);
        assertClose(new double[]{0.009719999999999979, -0.08788499999999996, 0.009031499999999998}, diff(book, ours), ROUNDING, "book − DL4J");
        // First step from v = 0: the book moves (1 + μ + μ²)·lr·g, DL4J (1 + μ)·lr·g.
        double[] g = {1};
        new Nesterovs(0.9).apply(g, new double[][]{{0}}, 0.1, 0);
        assertEquals(0.19, g[0], ROUNDING, "DL4J: (1 + 0.9)·0.1");
        double[] v = {0};
        v[0] = 0.9 * v[0] - 0.1;
        assertEquals(-0.271, 0.9 * 0.9 * v[0] - (1 + 0.9) * 0.1, ROUNDING, "book: −(1 + 0.9 + 0.81)·0.1");
    }

    /** The book's Adam: lr_t = lr·√(1 − β₂ᵗ)/(1 − β₁ᵗ); m += (1 − β₁)(g − m); v += (1 − β₂)(g² − v); θ −= lr_t·m/(√v + ε). */
    private static double[] bookAdam(double lr, double b1, double b2, double eps) {
        double[] m = new double[3], v = new double[3], theta = new double[3];
        int iter = 0;
        for (double[] g : G) {
            iter++;
            double lrT = lr * Math.sqrt(1.0 - Math.pow(b2, iter)) / (1.0 - Math.pow(b1, iter));
            for (int i = 0; i < 3; i++) {
                m[i] += (1 - b1) * (g[i] - m[i]);
                v[i] += (1 - b2) * (g[i] * g[i] - v[i]);
                theta[i] -= lrT * m[i] / (Math.sqrt(v[i]) + eps);
            }
        }
        return theta;
    }

    @Test
    void adamIsTheBooksAdamToRoundingOnceEpsilonIsTheSame() {
        double[] ours = dl4j(new Adam(0.9, 0.999, 1e-8), 0.01);
        assertClose(new double[]{-0.018502017086963928, 0.00534450365928664, 0.013142220927299372}, ours, ROUNDING, "DL4J form (numpy)");
        assertClose(bookAdam(0.01, 0.9, 0.999, 1e-8), ours, ROUNDING, "book form, ε = 1e-8 on both");
        // With each side's own ε (book 1e-7, DL4J 1e-8) they differ by ε's share of √v + ε (numpy, same script's forms):
        assertClose(new double[]{1.019031585502983e-07, -1.3731477918263457e-08, -2.9928054797422055e-07},
                diff(bookAdam(0.01, 0.9, 0.999, 1e-7), ours), ROUNDING, "book (ε 1e-7) − DL4J (ε 1e-8)");
    }

    /** The book's AdaGrad: h = 0; h += g²; θ −= lr·g/(√h + ε). */
    private static double[] bookAdaGrad(double lr, double eps) {
        double[] h = new double[3], theta = new double[3];
        for (double[] g : G)
            for (int i = 0; i < 3; i++) {
                h[i] += g[i] * g[i];
                theta[i] -= lr * g[i] / (Math.sqrt(h[i]) + eps);
            }
        return theta;
    }

    @Test
    void adaGradDiffersFromTheBookOnlyByStartingFromOneInAMillion() {
        double[] d = diff(bookAdaGrad(0.1, 1e-6), dl4j(new AdaGrad(1e-6), 0.1));
        assertClose(new double[]{-2.2573627189714784e-07, 1.4313606772065057e-08, 3.174199307551251e-06}, d, ROUNDING, "book − DL4J, same ε");
    }

    /** The book's RMSprop: h = 0; h *= ρ; h += (1 − ρ)·g²; θ −= lr·g/(√h + ε). */
    private static double[] bookRmsProp(double lr, double rho, double eps) {
        double[] h = new double[3], theta = new double[3];
        for (double[] g : G)
            for (int i = 0; i < 3; i++) {
                h[i] *= rho;
                h[i] += (1 - rho) * g[i] * g[i];
                theta[i] -= lr * g[i] / (Math.sqrt(h[i]) + eps);
            }
        return theta;
    }

    @Test
    void rmsPropDiffersFromTheBookOnlyByStartingFromEpsilon() {
        double[] d = diff(bookRmsProp(0.1, 0.95, 1e-8), dl4j(new RmsProp(0.95, 1e-8), 0.1));
        assertClose(new double[]{-1.9448986937620205e-07, 1.2294848514282641e-08, 2.5618821565265293e-06}, d, ROUNDING, "book − DL4J, same ρ and ε");
    }

    @Test
    void sgdIsTheBooksSgd() {
        double[] theta = new double[3];
        for (double[] g : G) for (int i = 0; i < 3; i++) theta[i] -= 0.1 * g[i];
        double[] ours = dl4j(new Sgd(0.1), 0.1);
        for (int i = 0; i < 3; i++) assertEquals(theta[i], ours[i], 0.0, "bit for bit");
        assertEquals(List.of(), new Sgd(0.1).stateNames());
    }
}
