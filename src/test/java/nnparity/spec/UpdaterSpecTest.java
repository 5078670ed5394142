package nnparity.spec;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UpdaterSpecTest {

    @Test
    void defaultsAreDl4jsConstants() {
        // the DEFAULT_* constants of org.nd4j.linalg.learning.config.* in nd4j-api 1.0.0-M2.1, read with javap
        assertEquals("SGD(lr=0.001)", UpdaterSpec.defaults(Updater.SGD).toString());
        assertEquals("Nesterovs(lr=0.1, momentum=0.9)", UpdaterSpec.defaults(Updater.NESTEROVS).toString());
        assertEquals("Adam(lr=0.001, beta1=0.9, beta2=0.999, epsilon=1.0E-8)", UpdaterSpec.defaults(Updater.ADAM).toString());
        assertEquals("AdaMax(lr=0.001, beta1=0.9, beta2=0.999, epsilon=1.0E-8)", UpdaterSpec.defaults(Updater.ADAMAX).toString());
        assertEquals("Nadam(lr=0.001, beta1=0.9, beta2=0.999, epsilon=1.0E-8)", UpdaterSpec.defaults(Updater.NADAM).toString());
        assertEquals("AMSGrad(lr=0.001, beta1=0.9, beta2=0.999, epsilon=1.0E-8)", UpdaterSpec.defaults(Updater.AMSGRAD).toString());
        assertEquals("AdaGrad(lr=0.1, epsilon=1.0E-6)", UpdaterSpec.defaults(Updater.ADAGRAD).toString());
        assertEquals("RMSProp(lr=0.1, epsilon=1.0E-8, rmsDecay=0.95)", UpdaterSpec.defaults(Updater.RMSPROP).toString());
        assertEquals("AdaDelta(epsilon=1.0E-6, rho=0.95)", UpdaterSpec.defaults(Updater.ADADELTA).toString());
        assertEquals("NoOp()", UpdaterSpec.defaults(Updater.NOOP).toString());
    }

    @Test
    void tutorialSgdPrintsAsBefore() {
        assertEquals("SGD(lr=0.1)", UpdaterSpec.sgd(0.1).toString());
        assertEquals("SGD(lr=0.1)", NetSpec.quadrant().updater().toString());
    }

    @Test
    void aSettingTheUpdaterLacksIsRefusedNamingItsSettings() {
        var e = assertThrows(IllegalArgumentException.class, () -> UpdaterSpec.defaults(Updater.ADAM).with(UpdaterSetting.MOMENTUM, 0.5));
        assertEquals("adam has no setting momentum; its settings: --lr, --beta1, --beta2, --epsilon", e.getMessage());
        var n = assertThrows(IllegalArgumentException.class, () -> UpdaterSpec.defaults(Updater.NOOP).get(UpdaterSetting.LEARNING_RATE));
        assertEquals("noop has no setting lr; it has no settings", n.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new UpdaterSpec(Updater.SGD, Map.of(UpdaterSetting.RHO, 0.5), null));
    }

    @Test
    void outOfRangeValuesAreRefusedWithTheValidRange() {
        assertEquals("adam: beta1 1.0 is invalid; it must be in [0, 1)",
                assertThrows(IllegalArgumentException.class, () -> UpdaterSpec.defaults(Updater.ADAM).with(UpdaterSetting.BETA1, 1.0)).getMessage());
        assertEquals("learning rate -1.0 is invalid; it must be a finite number > 0",
                assertThrows(IllegalArgumentException.class, () -> UpdaterSpec.sgd(-1)).getMessage());
        assertEquals("rmsprop: epsilon 0.0 is invalid; it must be a finite number > 0",
                assertThrows(IllegalArgumentException.class, () -> UpdaterSpec.defaults(Updater.RMSPROP).with(UpdaterSetting.EPSILON, 0)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> UpdaterSpec.defaults(Updater.NESTEROVS).with(UpdaterSetting.MOMENTUM, -0.1));
        assertThrows(IllegalArgumentException.class, () -> UpdaterSpec.sgd(Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> UpdaterSpec.sgd(Double.NaN));
    }

    @Test
    void updatersWithoutALearningRateHaveNoneAndTakeNoSchedule() {
        assertTrue(Double.isNaN(UpdaterSpec.defaults(Updater.ADADELTA).learningRate()));
        LrSchedule s = LrSchedule.exponential(LrSchedule.Unit.ITERATION, 0.1, 0.99);
        var e = assertThrows(IllegalArgumentException.class, () -> UpdaterSpec.defaults(Updater.ADADELTA).withSchedule(s));
        assertEquals("adadelta has no learning rate to schedule; schedules need one of: sgd, nesterovs, adam, adamax, nadam, amsgrad, adagrad, rmsprop",
                e.getMessage());
    }

    @Test
    void theLearningRateAtAStepIsTheSchedulesWhenThereIsOne() {
        UpdaterSpec fixed = UpdaterSpec.defaults(Updater.ADAM).with(UpdaterSetting.LEARNING_RATE, 0.01);
        assertEquals(0.01, fixed.learningRateAt(500, 3));
        UpdaterSpec stepped = fixed.withSchedule(LrSchedule.step(LrSchedule.Unit.ITERATION, 0.1, 0.5, 100));
        assertEquals(0.025, stepped.learningRateAt(250, 0));
        assertEquals("Adam(lr=step(0.1, gamma=0.5, step=100 iterations), beta1=0.9, beta2=0.999, epsilon=1.0E-8)", stepped.toString());
    }

    @Test
    void specsWithEqualSettingsAreEqual() {
        assertEquals(UpdaterSpec.defaults(Updater.ADAM), new UpdaterSpec(Updater.ADAM, Map.of(UpdaterSetting.BETA2, 0.999), null));
    }

    @Test
    void onlySgdAndNoOpKeepNoStateBetweenSteps() {
        for (Updater u : Updater.values()) assertEquals(u != Updater.SGD && u != Updater.NOOP, u.hasState(), u.id());
    }
}
