package nnparity.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

import nnparity.spec.BatchNormParams;
import nnparity.spec.BatchNormSpec;
import nnparity.spec.DenseParams;
import nnparity.spec.NetSpec;
import nnparity.spec.ParamSet;
import nnparity.spec.Updater;
import nnparity.spec.UpdaterSpec;

/**
 * {@link UpdaterStateBridge#write}, the inverse of {@code read}: each canonical value lands at the
 * view index the layout pinned in {@code UpdaterStateBridgeTest} gives, and a state that does not
 * fit is refused before anything is written.
 */
class UpdaterStateWriteTest {
    /** Copies move bits; nothing is computed. */
    static final double EXACT = 0;

    /** 3 → 2 → 2 (14 parameters, nIn ≠ nOut so a transposition shows). */
    static NetSpec spec(Updater u) {
        return NetSpec.quadrant().withSizes(3, 2, 2).withUpdater(UpdaterSpec.defaults(u));
    }

    /** Canonical state whose value names its place: 1000·variable + 100·layer + index (W row-major). */
    static ParamSet numbered(int variable, NetSpec s) {
        List<DenseParams> layers = new java.util.ArrayList<>();
        for (int k = 0; k < s.depth(); k++) {
            int nIn = s.nIn(k), nOut = s.layers().get(k).nOut();
            double[] w = new double[nIn * nOut], b = new double[nOut];
            for (int i = 0; i < w.length; i++) w[i] = 1000 * variable + 100 * (k + 1) + i;
            for (int j = 0; j < b.length; j++) b[j] = 1000 * variable + 100 * (k + 1) + 50 + j;
            layers.add(new DenseParams(nIn, nOut, w, b));
        }
        SortedMap<Integer, BatchNormParams> bn = new TreeMap<>();
        for (int k = 0; k < s.hidden().size(); k++) {
            if (!s.hidden().get(k).hasBatchNorm()) continue;
            int n = s.hidden().get(k).nOut();
            double[] g = new double[n], be = new double[n];
            for (int j = 0; j < n; j++) {
                g[j] = 1000 * variable + 900 + j;
                be[j] = 1000 * variable + 950 + j;
            }
            bn.put(k + 1, new BatchNormParams(n, g, be, new double[n], new double[n]));
        }
        return new ParamSet(layers, bn);
    }

    @Test
    void adamsMAndVLandWhereTheLayoutSaysWColumnMajor() {
        NetSpec s = spec(Updater.ADAM);
        MultiLayerNetwork net = Dl4jNets.network(s);
        Map<String, ParamSet> state = new LinkedHashMap<>();
        state.put("Adam m", numbered(1, s));
        state.put("Adam v", numbered(2, s));
        UpdaterStateBridge.write(state, net);
        INDArray view = net.getUpdater().getStateViewArray();
        // m: W1[i,j] at i + 3j (canonical i·2 + j), b1 at 6 + j, W2[i,j] at 8 + i + 2j, b2 at 12 + j; v 14 further
        assertEquals(1100 + 1 * 2 + 0, view.getDouble(1L), EXACT, "m W1[1,0]");
        assertEquals(1100 + 0 * 2 + 1, view.getDouble(3L), EXACT, "m W1[0,1]");
        assertEquals(1150 + 1, view.getDouble(7L), EXACT, "m b1[1]");
        assertEquals(1200 + 1 * 2 + 0, view.getDouble(9L), EXACT, "m W2[1,0]");
        assertEquals(1250 + 1, view.getDouble(13L), EXACT, "m b2[1]");
        assertEquals(2100 + 2 * 2 + 1, view.getDouble(14L + 2 + 3), EXACT, "v W1[2,1]");
    }

    @Test
    void readGivesBackWhatWriteWroteWithBatchNormAndThreeVariables() {
        NetSpec s = NetSpec.quadrant().withSizes(3, List.of(4, 3), 2).withUpdater(UpdaterSpec.defaults(Updater.AMSGRAD))
                .withBatchNorm(BatchNormSpec.DL4J_DEFAULT);
        MultiLayerNetwork net = Dl4jNets.network(s);
        Map<String, ParamSet> state = new LinkedHashMap<>();
        state.put("AMSGrad m", numbered(1, s));
        state.put("AMSGrad v", numbered(2, s));
        state.put("AMSGrad vHat", numbered(3, s));
        UpdaterStateBridge.write(state, net);
        Map<String, ParamSet> back = UpdaterStateBridge.read(net);
        assertEquals(state.keySet(), back.keySet());
        for (String key : state.keySet()) {
            ParamSet a = state.get(key), b = back.get(key);
            for (int k = 1; k <= a.layers().size(); k++) {
                for (int i = 0; i < a.layer(k).w().length; i++) assertEquals(a.layer(k).w()[i], b.layer(k).w()[i], EXACT, key + " W" + k);
                for (int j = 0; j < a.layer(k).b().length; j++) assertEquals(a.layer(k).b()[j], b.layer(k).b()[j], EXACT, key + " b" + k);
            }
            for (int k : a.batchNorm().keySet())
                for (int j = 0; j < a.batchNorm(k).n(); j++) {
                    assertEquals(a.batchNorm(k).gamma()[j], b.batchNorm(k).gamma()[j], EXACT, key + " gamma" + k);
                    assertEquals(a.batchNorm(k).beta()[j], b.batchNorm(k).beta()[j], EXACT, key + " beta" + k);
                }
        }
    }

    @Test
    void aStateOfAnotherUpdaterIsRefusedAndNothingWritten() {
        NetSpec s = spec(Updater.ADAM);
        MultiLayerNetwork net = Dl4jNets.network(s);
        double before = net.getUpdater().getStateViewArray().sumNumber().doubleValue();
        var e = assertThrows(IllegalArgumentException.class, () -> UpdaterStateBridge.write(Map.of("Nesterovs v", numbered(1, s)), net));
        assertEquals("updater state [Nesterovs v] does not fit the net's updater, whose state is [Adam m, Adam v]", e.getMessage());
        assertEquals(before, net.getUpdater().getStateViewArray().sumNumber().doubleValue(), EXACT);
    }

    @Test
    void aStateOfAnotherShapeIsRefusedNamingTheLayer() {
        NetSpec s = spec(Updater.NESTEROVS);
        MultiLayerNetwork net = Dl4jNets.network(s);
        NetSpec other = NetSpec.quadrant().withSizes(3, 5, 2);
        var e = assertThrows(IllegalArgumentException.class, () -> UpdaterStateBridge.write(Map.of("Nesterovs v", numbered(1, other)), net));
        assertTrue(e.getMessage().startsWith("Nesterovs v: layer 1's state is [3x5], the net's 0_W is [3x2]"), e.getMessage());
    }

    @Test
    void sgdTakesOnlyAnEmptyState() {
        MultiLayerNetwork net = Dl4jNets.network(spec(Updater.SGD));
        UpdaterStateBridge.write(Map.of(), net);
        var e = assertThrows(IllegalArgumentException.class, () -> UpdaterStateBridge.write(Map.of("Adam m", numbered(1, spec(Updater.SGD))), net));
        assertTrue(e.getMessage().endsWith("whose state is []"), e.getMessage());
    }
}
