package nnparity.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.learning.config.AMSGrad;
import org.nd4j.linalg.learning.config.AdaDelta;
import org.nd4j.linalg.learning.config.AdaGrad;
import org.nd4j.linalg.learning.config.AdaMax;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nadam;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;

import nnparity.spec.LrSchedule;
import nnparity.spec.NetSpec;
import nnparity.spec.Updater;
import nnparity.spec.UpdaterSetting;
import nnparity.spec.UpdaterSpec;

/** Each updater spec becomes DL4J's updater with every setting as given; DL4J's defaults are the spec's. */
class Dl4jUpdatersTest {
    /** Settings are copied, not computed. */
    static final double EXACT = 0;

    private static IUpdater of(Updater t) {
        return Dl4jUpdaters.of(UpdaterSpec.defaults(t));
    }

    @Test
    void everyUpdaterAtItsDefaultsEqualsDl4jsOwnDefaultConfiguration() {
        assertEquals(new Sgd(), of(Updater.SGD));
        assertEquals(new Nesterovs(), of(Updater.NESTEROVS));
        assertEquals(new Adam(), of(Updater.ADAM));
        assertEquals(new AdaMax(), of(Updater.ADAMAX));
        assertEquals(new Nadam(), of(Updater.NADAM));
        assertEquals(new AMSGrad(), of(Updater.AMSGRAD));
        assertEquals(new AdaGrad(), of(Updater.ADAGRAD));
        assertEquals(new RmsProp(), of(Updater.RMSPROP));
        assertEquals(new AdaDelta(), of(Updater.ADADELTA));
        assertEquals(new NoOp(), of(Updater.NOOP));
    }

    @Test
    void everySettingIsSetAsGiven() {
        Adam a = assertInstanceOf(Adam.class, Dl4jUpdaters.of(UpdaterSpec.defaults(Updater.ADAM).with(UpdaterSetting.LEARNING_RATE, 0.02)
                .with(UpdaterSetting.BETA1, 0.8).with(UpdaterSetting.BETA2, 0.99).with(UpdaterSetting.EPSILON, 1e-6)));
        assertEquals(0.02, a.getLearningRate(), EXACT);
        assertEquals(0.8, a.getBeta1(), EXACT);
        assertEquals(0.99, a.getBeta2(), EXACT);
        assertEquals(1e-6, a.getEpsilon(), EXACT);
        AMSGrad g = assertInstanceOf(AMSGrad.class, Dl4jUpdaters.of(UpdaterSpec.defaults(Updater.AMSGRAD).with(UpdaterSetting.BETA2, 0.9)));
        assertEquals(0.9, g.getBeta2(), EXACT);
        Nesterovs n = assertInstanceOf(Nesterovs.class, Dl4jUpdaters.of(UpdaterSpec.defaults(Updater.NESTEROVS).with(UpdaterSetting.MOMENTUM, 0.5)));
        assertEquals(0.5, n.getMomentum(), EXACT);
        RmsProp r = assertInstanceOf(RmsProp.class, Dl4jUpdaters.of(UpdaterSpec.defaults(Updater.RMSPROP).with(UpdaterSetting.RMS_DECAY, 0.9)));
        assertEquals(0.9, r.getRmsDecay(), EXACT);
        AdaDelta d = assertInstanceOf(AdaDelta.class, Dl4jUpdaters.of(UpdaterSpec.defaults(Updater.ADADELTA).with(UpdaterSetting.RHO, 0.9)));
        assertEquals(0.9, d.getRho(), EXACT);
        AdaGrad ag = assertInstanceOf(AdaGrad.class, Dl4jUpdaters.of(UpdaterSpec.defaults(Updater.ADAGRAD).with(UpdaterSetting.EPSILON, 1e-4)));
        assertEquals(1e-4, ag.getEpsilon(), EXACT);
    }

    @Test
    void theNetsConfigurationUsesTheSpecsUpdaterOnEveryLayer() {
        NetSpec spec = NetSpec.quadrant().withUpdater(UpdaterSpec.defaults(Updater.NADAM));
        var conf = Dl4jNets.configuration(spec);
        for (int k = 0; k < 2; k++) assertEquals(new Nadam(), ((BaseLayer) conf.getConf(k).getLayer()).getIUpdater(), "layer " + k);
    }

    @Test
    void aScheduleBecomesTheUpdatersDl4jSchedule() {
        UpdaterSpec s = UpdaterSpec.sgd(0.1).withSchedule(LrSchedule.exponential(LrSchedule.Unit.ITERATION, 0.1, 0.99));
        var sgd = (org.nd4j.linalg.learning.config.Sgd) Dl4jUpdaters.of(s);
        assertEquals(new org.nd4j.linalg.schedule.ExponentialSchedule(org.nd4j.linalg.schedule.ScheduleType.ITERATION, 0.1, 0.99),
                sgd.getLearningRateSchedule());
    }

    /** The DL4J 1.0.0-M2.1 bug behind the refusal: AdaGrad.clone() forgets the schedule (the other nine keep it). */
    @Test
    void adaGradIsRefusedAScheduleBecauseDl4jsCloneDropsIt() {
        var schedule = new org.nd4j.linalg.schedule.ExponentialSchedule(org.nd4j.linalg.schedule.ScheduleType.ITERATION, 0.1, 0.99);
        AdaGrad scheduled = new AdaGrad(schedule);
        assertEquals(null, scheduled.clone().getLearningRateSchedule());
        assertEquals(schedule, ((Adam) new Adam(schedule).clone()).getLearningRateSchedule());
        UpdaterSpec s = UpdaterSpec.defaults(Updater.ADAGRAD).withSchedule(LrSchedule.exponential(LrSchedule.Unit.ITERATION, 0.1, 0.99));
        assertEquals(Dl4jUpdaters.ADAGRAD_SCHEDULE, assertThrows(IllegalArgumentException.class, () -> Dl4jUpdaters.of(s)).getMessage());
    }
}
