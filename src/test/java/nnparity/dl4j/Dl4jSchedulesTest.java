package nnparity.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.MapSchedule;
import org.nd4j.linalg.schedule.PolySchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.linalg.schedule.SigmoidSchedule;
import org.nd4j.linalg.schedule.StepSchedule;

import nnparity.spec.Activation;
import nnparity.spec.Init;
import nnparity.spec.LrSchedule;
import nnparity.spec.LrSchedule.Unit;
import nnparity.spec.NetSpec;
import nnparity.spec.TwoLayerSpecs;
import nnparity.spec.Updater;
import nnparity.spec.UpdaterSpec;

/**
 * {@link LrSchedule#valueAt} against DL4J's own {@code ISchedule} objects (built by hand here, not
 * through {@link Dl4jSchedules}, then also through it) at every boundary: t = 0, each side of a
 * step, of a map key, of POLY's maxIter and SIGMOID's centre, and far out. By epoch the iteration
 * is set far from the epoch, so a schedule reading the wrong counter fails.
 */
class Dl4jSchedulesTest {
    /** Both sides do the same double operations in the same order (Math.pow, Math.exp): bit for bit. */
    static final double SAME_OPERATIONS = 0;

    static final int[] T = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 99, 100, 101, 1000};

    private static TreeMap<Integer, Double> map() {
        TreeMap<Integer, Double> m = new TreeMap<>();
        m.put(0, 0.1);
        m.put(3, 0.05);
        m.put(7, 0.01);
        return m;
    }

    static Stream<Arguments> pairs() {
        List<Arguments> out = new ArrayList<>();
        for (Unit u : Unit.values()) {
            ScheduleType type = u == Unit.ITERATION ? ScheduleType.ITERATION : ScheduleType.EPOCH;
            out.add(Arguments.of(LrSchedule.step(u, 0.1, 0.5, 3), new StepSchedule(type, 0.1, 0.5, 3)));
            out.add(Arguments.of(LrSchedule.step(u, 0.1, 0.5, 2.5), new StepSchedule(type, 0.1, 0.5, 2.5)));
            out.add(Arguments.of(LrSchedule.exponential(u, 0.1, 0.9), new org.nd4j.linalg.schedule.ExponentialSchedule(type, 0.1, 0.9)));
            out.add(Arguments.of(LrSchedule.inverse(u, 0.1, 0.2, 0.75), new org.nd4j.linalg.schedule.InverseSchedule(type, 0.1, 0.2, 0.75)));
            out.add(Arguments.of(LrSchedule.poly(u, 0.1, 2, 10), new PolySchedule(type, 0.1, 2, 10)));
            out.add(Arguments.of(LrSchedule.poly(u, 0.1, -1.5, 100), new PolySchedule(type, 0.1, -1.5, 100)));
            out.add(Arguments.of(LrSchedule.sigmoid(u, 0.1, 1.2, 4), new SigmoidSchedule(type, 0.1, 1.2, 4)));
            out.add(Arguments.of(LrSchedule.sigmoid(u, 0.1, -0.3, 10), new SigmoidSchedule(type, 0.1, -0.3, 10)));
            out.add(Arguments.of(LrSchedule.map(u, map()), new MapSchedule(type, map())));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void valueAtEqualsDl4jsAtEveryBoundary(LrSchedule ours, ISchedule dl4j) {
        ISchedule mapped = Dl4jSchedules.of(ours);
        assertEquals(dl4j, mapped, "Dl4jSchedules builds the same DL4J object (lombok equals on every field)");
        for (int t : T) {
            int iteration = ours.unit() == Unit.ITERATION ? t : 7919 + t;
            int epoch = ours.unit() == Unit.EPOCH ? t : 7919 + t;
            assertEquals(dl4j.valueAt(iteration, epoch), ours.valueAt(iteration, epoch), SAME_OPERATIONS, ours + " at t=" + t);
        }
    }

    /** DL4J's POLY, read off the jar: it grows with a positive power and is 0 from maxIter (not (1 − t/maxIter)^p). */
    @Test
    void dl4jsPolyAddsAndDropsToZeroAtMaxIter() {
        ISchedule p = new PolySchedule(ScheduleType.ITERATION, 0.1, 2, 10);
        assertEquals(0.1 * 1.9 * 1.9, p.valueAt(9, 0), 1e-17);   // 0.1·(1 + 9/10)²
        assertEquals(0.0, p.valueAt(10, 0), SAME_OPERATIONS);
    }

    @Test
    void dl4jNetsPutsTheScheduleIntoEveryLayersUpdater() {
        LrSchedule s = LrSchedule.step(Unit.EPOCH, 0.01, 0.5, 3);
        for (UpdaterSpec u : List.of(UpdaterSpec.sgd(0.1).withSchedule(s), UpdaterSpec.defaults(Updater.ADAM).withSchedule(s))) {
            NetSpec spec = TwoLayerSpecs.of(2, 3, 2, Activation.TANH, 0.1, Init.XAVIER, 1, NetSpec.DL4J_SOFTMAX_CLIP_EPS).withUpdater(u);
            MultiLayerConfiguration conf = Dl4jNets.configuration(spec);
            for (int i = 0; i < conf.getConfs().size(); i++) {
                IUpdater iu = ((BaseLayer) conf.getConf(i).getLayer()).getIUpdater();
                ISchedule got = iu instanceof Sgd sgd ? sgd.getLearningRateSchedule() : ((Adam) iu).getLearningRateSchedule();
                assertEquals(Dl4jSchedules.of(s), got, u + ", layer " + i);
            }
        }
    }

    @Test
    void theMappedScheduleKeepsItsUnitAndKind() {
        assertInstanceOf(StepSchedule.class, Dl4jSchedules.of(LrSchedule.step(Unit.EPOCH, 0.1, 0.5, 3)));
        assertEquals(ScheduleType.EPOCH, ((StepSchedule) Dl4jSchedules.of(LrSchedule.step(Unit.EPOCH, 0.1, 0.5, 3))).getScheduleType());
        assertEquals(ScheduleType.ITERATION, Dl4jSchedules.type(Unit.ITERATION));
    }
}
