package nnparity.parity;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import nnparity.data.QuadrantData;
import nnparity.dl4j.Dl4jUpdaters;
import nnparity.dl4j.UpdaterStateBridge;
import nnparity.scratch.Fault;
import nnparity.scratch.GradientUpdater;
import nnparity.scratch.GradientUpdaters;
import nnparity.spec.Init;
import nnparity.spec.NetSpec;
import nnparity.spec.ParamSet;
import nnparity.spec.Regularization;
import nnparity.spec.TrainSpec;
import nnparity.spec.Updater;
import nnparity.spec.UpdaterSetting;
import nnparity.spec.UpdaterSpec;

/**
 * Every DL4J updater trained both ways, with loss, gradients, parameters and every element of the
 * updater's state compared after every step at the harness's tolerance; the three injected updater
 * faults caught; a state divergence named by its state and element.
 */
class UpdaterLockstepTest {
    /** The harness's own tolerance: the run must end AGREE under {@link Tolerances#DEFAULT}. */
    private static final Tolerances HARNESS = Tolerances.DEFAULT;
    /** 64 random points, batches of 16: 4 steps an epoch. */
    private static final QuadrantData POINTS = QuadrantData.random(64, 42);
    private static final TrainSpec TWO_HUNDRED_STEPS = new TrainSpec(50, 16, 42);
    private static final TrainSpec TWENTY_STEPS = new TrainSpec(5, 16, 42);
    private static final NetSpec BASE = NetSpec.quadrant().withSizes(2, List.of(16, 12), 4).withInit(Init.XAVIER);

    private static NetSpec with(Updater t, Object... settings) {
        UpdaterSpec u = UpdaterSpec.defaults(t);
        for (int i = 0; i < settings.length; i += 2) u = u.with((UpdaterSetting) settings[i], (Double) settings[i + 1]);
        return BASE.withUpdater(u);
    }

    static Stream<Arguments> twoHundredStepRuns() {
        List<Arguments> runs = new ArrayList<>();
        for (Updater t : Updater.values()) runs.add(Arguments.of(t.id() + " at its defaults", with(t)));
        runs.add(Arguments.of("sgd lr 0.05", with(Updater.SGD, UpdaterSetting.LEARNING_RATE, 0.05)));
        runs.add(Arguments.of("nesterovs lr 0.05 momentum 0.5", with(Updater.NESTEROVS, UpdaterSetting.LEARNING_RATE, 0.05, UpdaterSetting.MOMENTUM, 0.5)));
        runs.add(Arguments.of("adam lr 0.01 beta1 0.8 beta2 0.99 epsilon 1e-6", with(Updater.ADAM, UpdaterSetting.LEARNING_RATE, 0.01,
                UpdaterSetting.BETA1, 0.8, UpdaterSetting.BETA2, 0.99, UpdaterSetting.EPSILON, 1e-6)));
        runs.add(Arguments.of("adamax lr 0.01 beta2 0.99", with(Updater.ADAMAX, UpdaterSetting.LEARNING_RATE, 0.01, UpdaterSetting.BETA2, 0.99)));
        runs.add(Arguments.of("nadam lr 5e-4 beta1 0.95", with(Updater.NADAM, UpdaterSetting.LEARNING_RATE, 5e-4, UpdaterSetting.BETA1, 0.95)));
        runs.add(Arguments.of("amsgrad lr 0.01 beta2 0.99", with(Updater.AMSGRAD, UpdaterSetting.LEARNING_RATE, 0.01, UpdaterSetting.BETA2, 0.99)));
        runs.add(Arguments.of("adagrad lr 0.05 epsilon 1e-4", with(Updater.ADAGRAD, UpdaterSetting.LEARNING_RATE, 0.05, UpdaterSetting.EPSILON, 1e-4)));
        runs.add(Arguments.of("rmsprop lr 0.01 rmsDecay 0.9", with(Updater.RMSPROP, UpdaterSetting.LEARNING_RATE, 0.01, UpdaterSetting.RMS_DECAY, 0.9)));
        runs.add(Arguments.of("adadelta rho 0.9 epsilon 1e-4", with(Updater.ADADELTA, UpdaterSetting.RHO, 0.9, UpdaterSetting.EPSILON, 1e-4)));
        runs.add(Arguments.of("noop with l2 1e-2 and weight decay 1e-2 (decay × 1)", with(Updater.NOOP)
                .withRegularization(Regularization.NONE.withL2(1e-2).withWeightDecay(1e-2))));
        runs.add(Arguments.of("adam with l1 1e-3, l2 1e-2 and weight decay 1e-2 (decay × lr)", with(Updater.ADAM, UpdaterSetting.LEARNING_RATE, 0.01)
                .withRegularization(Regularization.NONE.withL1(1e-3).withL2(1e-2).withWeightDecay(1e-2))));
        runs.add(Arguments.of("adadelta with weight decay 1e-2 on W and b (decay × 1)", with(Updater.ADADELTA)
                .withRegularization(Regularization.NONE.withWeightDecay(1e-2).withWeightDecayBias(1e-2))));
        return runs.stream();
    }

    @Tag(LockstepTest.SLOW)
    @ParameterizedTest(name = "{0}")
    @MethodSource("twoHundredStepRuns")
    void everyUpdaterAgreesInLossGradientParametersAndStateForTwoHundredSteps(String name, NetSpec spec) {
        assertAgrees(name, spec, TWO_HUNDRED_STEPS, 200);
    }

    /** The default suite's short run of each updater (the 200-step runs above are tagged slow). */
    @ParameterizedTest
    @EnumSource(Updater.class)
    void everyUpdaterAgreesForTwentySteps(Updater t) {
        assertAgrees(t.id(), with(t), TWENTY_STEPS, 20);
    }

    private static void assertAgrees(String name, NetSpec spec, TrainSpec train, int steps) {
        Lockstep lockstep = new Lockstep(spec, train, POINTS, HARNESS);
        LockstepResult r = lockstep.run();
        System.out.printf(Locale.ROOT, "%-70s max|Δloss| %.2e  max|Δgrad| %.2e  max|Δparam| %.2e  max|Δstate| %.2e  loss %.4f → %.4f%n",
                name, r.maxAbsLossDiff(), r.maxAbsGradDiff(), r.maxAbsParamDiff(), r.maxAbsStateDiff(), r.steps().get(0).lossScratch(), r.last().lossScratch());
        assertAll(
                () -> assertEquals(steps, r.steps().size(), "steps"),
                () -> assertNull(r.diverged(), "diverged"),
                () -> assertNull(r.firstDivergence(), () -> "first divergence: " + r.firstDivergence()),
                () -> assertEquals(Outcome.AGREE, r.outcome()),
                () -> assertEquals(steps, lockstep.dl4j().network().getIterationCount(), "DL4J's iteration count"),
                () -> assertEquals(train.epochs(), lockstep.dl4j().network().getEpochCount(), "DL4J's epoch count, as fit(iterator, epochs) leaves it"),
                () -> assertEquals(steps, lockstep.scratch().updater().iteration(), "hand-written iteration count"),
                () -> assertEquals(train.epochs(), lockstep.scratch().updater().epoch(), "hand-written epoch count"));
    }

    @ParameterizedTest
    @EnumSource(Updater.class)
    void bothSidesNameTheSameStateVariablesInTheSameOrder(Updater t) {
        UpdaterSpec u = UpdaterSpec.defaults(t);
        GradientUpdater rule = GradientUpdaters.rule(u, Fault.NONE);
        UpdaterStateBridge.Layout dl4j = UpdaterStateBridge.layout(Dl4jUpdaters.of(u));
        assertEquals(dl4j.variables(), rule.stateNames());
        assertEquals(dl4j.name(), rule.name());
    }

    // ------------------------------------------------------------- faults and divergences

    /** Each updater fault, with the updater it breaks: the first update already differs. */
    static Stream<Arguments> updaterFaults() {
        return Stream.of(
                Arguments.of(Fault.ADAM_NO_BIAS_CORRECTION, with(Updater.ADAM)),
                Arguments.of(Fault.RMSPROP_EPS_INSIDE_SQRT, with(Updater.RMSPROP)),
                Arguments.of(Fault.NESTEROV_AS_MOMENTUM, with(Updater.NESTEROVS)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("updaterFaults")
    void eachUpdaterFaultIsCaughtAtTheFirstUpdate(Fault f, NetSpec spec) {
        LockstepResult r = new Lockstep(spec, TWENTY_STEPS, POINTS, HARNESS).scratchWith(f, DropoutMasks.of(spec)).run();
        Divergence d = r.firstDivergence();
        assertNotNull(d, f.label());
        assertEquals(Outcome.DISAGREE, r.outcome());
        assertEquals(1, d.step(), d::toString);
        assertEquals(Phase.UPDATE, d.phase(), d::toString);
        assertTrue(d.toString().startsWith("step 1, update (parameters), W1["), d::toString);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("updaterFaults")
    void anUpdaterFaultChangesNothingWhereItsUpdaterIsNotUsed(Fault f, NetSpec spec) {
        NetSpec adamax = spec.withUpdater(UpdaterSpec.defaults(Updater.ADAMAX));
        LockstepResult r = new Lockstep(adamax, TWENTY_STEPS, POINTS, HARNESS).scratchWith(f, DropoutMasks.of(adamax)).run();
        assertNull(r.firstDivergence(), () -> "" + r.firstDivergence());
    }

    @Test
    void aStateDivergenceIsNamedByTheStateAndTheElement() {
        NetSpec spec = with(Updater.ADAM);
        Lockstep lockstep = new Lockstep(spec, TWENTY_STEPS, POINTS, HARNESS).tamper(new Lockstep.Tamper() {
            @Override
            public ParamSet state(long step, String name, ParamSet state) {
                if (step == 12 && name.equals("Adam v")) state.layer(2).w()[3 * 12 + 1] += 1e-9;   // W2[3,1] of [16x12]
                return state;
            }
        });
        LockstepResult r = lockstep.run();
        Divergence d = r.firstDivergence();
        assertNotNull(d);
        assertEquals(Phase.UPDATER_STATE, d.phase());
        assertEquals("Adam v", d.state());
        assertTrue(d.toString().startsWith("step 12, update (Adam v), W2[3,1]: hand-written "), d::toString);
        assertTrue(r.maxAbsStateDiff() >= 1e-9 * 0.99, "the maximum records the tampered element");
    }
}
