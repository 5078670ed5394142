package nnparity.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import nnparity.data.QuadrantData;
import nnparity.parity.Lockstep;
import nnparity.parity.Predictions;
import nnparity.parity.Side;
import nnparity.parity.Tolerances;
import nnparity.spec.NetSpec;
import nnparity.spec.TrainSpec;

/**
 * Both nets evaluated chunk by chunk, the two at the same time, give what one pass over the whole
 * set gives: the same probabilities, agreement, accuracy and confusion, across chunk boundaries.
 */
class PairedEvaluationTest {
    private static final double EXACT = 0;
    /** More than two chunks, the last one short. */
    private static final int N = 2 * PairedEvaluation.CHUNK + 123;

    @Test
    void chunksEvaluatedSideBySideGiveWhatOnePassOverTheWholeSetGives() {
        QuadrantData data = QuadrantData.random(N, 5);
        Lockstep l = new Lockstep(NetSpec.quadrant(), new TrainSpec(3, 4, 42), QuadrantData.tutorial(), Tolerances.DEFAULT);
        l.run();
        double[] x = new double[N * 2];
        for (int i = 0; i < N; i++) data.copyFeatures(i, x, 2 * i);
        double[] ps = l.scratch().predict(x, N), pd = l.dl4j().predict(x, N);
        int agree = 0, correctS = 0, correctD = 0;
        double max = 0;
        for (int i = 0; i < N; i++) {
            int s = argmax(ps, i), d = argmax(pd, i);
            if (s == d) agree++;
            if (s == data.label(i)) correctS++;
            if (d == data.label(i)) correctD++;
            for (int c = 0; c < 4; c++) max = Math.max(max, Math.abs(ps[4 * i + c] - pd[4 * i + c]));
        }
        PairedEvaluation e = PairedEvaluation.of(data, l.scratch(), l.dl4j(), List.of("I", "II", "III", "IV"), true);
        assertEquals(N, e.size());
        assertEquals(agree, e.agree());
        assertEquals(max, e.maxAbsProbDiff(), EXACT);
        assertEquals((double) correctS / N, e.handWritten().accuracy(), EXACT);
        assertEquals((double) correctD / N, e.dl4j().accuracy(), EXACT);
        assertEquals(N, e.handWritten().getConfusionMatrix().getActualTotal(0) + e.handWritten().getConfusionMatrix().getActualTotal(1)
                + e.handWritten().getConfusionMatrix().getActualTotal(2) + e.handWritten().getConfusionMatrix().getActualTotal(3));
        Predictions p = e.predictions(data);
        for (int i : new int[]{0, PairedEvaluation.CHUNK - 1, PairedEvaluation.CHUNK, N - 1}) {
            for (int c = 0; c < 4; c++) {
                assertEquals(ps[4 * i + c], p.probScratch(i, c), EXACT);
                assertEquals(pd[4 * i + c], p.probDl4j(i, c), EXACT);
            }
        }
        assertArrayEquals(new double[]{x[2 * (N - 1)], x[2 * (N - 1) + 1]}, p.points().get(N - 1));
        assertTrue(e.seconds() > 0);
    }

    @Test
    void aFailureOfTheHandWrittenNetReachesTheCallerAsItself() {
        Lockstep l = new Lockstep(NetSpec.quadrant(), new TrainSpec(0, 4, 42), QuadrantData.tutorial(), Tolerances.DEFAULT);
        IllegalStateException boom = new IllegalStateException("predict failed");
        Side failing = (Side) java.lang.reflect.Proxy.newProxyInstance(Side.class.getClassLoader(), new Class<?>[]{Side.class}, (proxy, m, args) -> {
            if (m.getName().equals("predict")) throw boom;
            throw new UnsupportedOperationException(m.getName());
        });
        assertSame(boom, assertThrows(IllegalStateException.class,
                () -> PairedEvaluation.of(QuadrantData.tutorial(), failing, l.dl4j(), List.of("I", "II", "III", "IV"), false)));
    }

    private static int argmax(double[] p, int row) {
        int best = 0;
        for (int c = 1; c < 4; c++) if (p[4 * row + c] > p[4 * row + best]) best = c;
        return best;
    }
}
