package nnparity.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import nnparity.scratch.ActivationLayer;
import nnparity.scratch.Matrix;
import nnparity.spec.Activation;

/**
 * The export's numpy snippet uses the run's own activation: its forward line and its derivative,
 * run by python3 + numpy, give what the hand-written layer gives, kinks included. (Before, the
 * snippet hard-coded ReLU's mask whatever the activation.)
 */
class ExportSnippetPeerTest {
    /** numpy's exp/tanh and Java's may differ in the last bits; the kinks must match exactly. */
    private static final double PEER_TOLERANCE = 1e-14;
    private static final double[] Z = {-3.0, -2.5, -1.0, -0.3, 0.0, 0.3, 1.0, 2.5, 3.0};

    @ParameterizedTest
    @EnumSource(value = Activation.class, names = "SOFTMAX", mode = EnumSource.Mode.EXCLUDE)
    void theSnippetsActivationAndDerivativeMatchTheHandWrittenLayer(Activation f) throws Exception {
        String[] lines = Export.numpyActivation(f);
        String z = Arrays.stream(Z).mapToObj(v -> Double.toString(v)).collect(Collectors.joining(", "));
        String program = "import numpy as np\n"
                + "z1 = np.array([" + z + "])\n"
                + lines[0] + "\n"
                + "d = np.broadcast_to(np.asarray(" + lines[1].replaceAll("\\s*#.*$", "") + ", dtype=float), z1.shape)\n"
                + "print(' '.join(repr(float(v)) for v in h)); print(' '.join(repr(float(v)) for v in d))\n";
        String[] out = python(program).split("\n");
        double[] h = parse(out[0]), d = parse(out[1]);

        ActivationLayer layer = new ActivationLayer(f);
        Matrix forward = layer.forward(new Matrix(1, Z.length, Z.clone()));
        double[] ones = new double[Z.length];
        Arrays.fill(ones, 1.0);
        // step's backward pass refuses to run (nothing below it can learn); its derivative is 0
        Matrix derivative = f == Activation.STEP ? Matrix.zeros(1, Z.length) : layer.backward(new Matrix(1, Z.length, ones));
        for (int j = 0; j < Z.length; j++) {
            assertEquals(forward.get(0, j), h[j], PEER_TOLERANCE, () -> f.id() + "(" + Z[0] + "…) forward");
        }
        for (int j = 0; j < Z.length; j++) {
            final int k = j;
            assertEquals(derivative.get(0, j), d[j], PEER_TOLERANCE, () -> f.id() + "'(" + Z[k] + ")");
        }
    }

    @Test
    void softmaxIsNotAHiddenActivation() {
        assertThrows(IllegalArgumentException.class, () -> Export.numpyActivation(Activation.SOFTMAX));
    }

    private static double[] parse(String line) {
        return Arrays.stream(line.trim().split(" ")).mapToDouble(Double::parseDouble).toArray();
    }

    private static String python(String program) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder("python3", "-c", program).redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeTrue(false, "python3 is not installed: the numpy peer cannot run");
            throw e;
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assumeTrue(p.waitFor(60, TimeUnit.SECONDS), "python3 timed out");
        assumeTrue(!out.contains("No module named 'numpy'"), "numpy is not installed: the numpy peer cannot run");
        assertEquals(0, p.exitValue(), () -> "python3 failed:\n" + program + "\n" + out);
        return out.toLowerCase(Locale.ROOT).trim();
    }
}
