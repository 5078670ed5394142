package nnparity.scratch;

import static nnparity.spec.UpdaterSetting.BETA1;
import static nnparity.spec.UpdaterSetting.BETA2;
import static nnparity.spec.UpdaterSetting.EPSILON;
import static nnparity.spec.UpdaterSetting.LEARNING_RATE;
import static nnparity.spec.UpdaterSetting.MOMENTUM;
import static nnparity.spec.UpdaterSetting.RHO;
import static nnparity.spec.UpdaterSetting.RMS_DECAY;

import nnparity.spec.UpdaterSpec;

/** Builds the hand-written rule and pipeline an {@link UpdaterSpec} describes. */
public final class GradientUpdaters {
    private GradientUpdaters() {
    }

    /**
     * The rule for {@code u}, with {@code fault} injected where it belongs to that rule
     * ({@link Fault#ADAM_NO_BIAS_CORRECTION} in Adam, {@link Fault#RMSPROP_EPS_INSIDE_SQRT} in
     * RmsProp, {@link Fault#NESTEROV_AS_MOMENTUM} in Nesterovs; elsewhere it changes nothing).
     */
    public static GradientUpdater rule(UpdaterSpec u, Fault fault) {
        return switch (u.type()) {
            case SGD -> new Sgd(u.has(LEARNING_RATE) ? positiveOr(u.learningRate()) : 1);
            case NESTEROVS -> new Nesterovs(u.get(MOMENTUM), fault);
            case ADAM -> new Adam(u.get(BETA1), u.get(BETA2), u.get(EPSILON), fault);
            case ADAMAX -> new AdaMax(u.get(BETA1), u.get(BETA2), u.get(EPSILON));
            case NADAM -> new Nadam(u.get(BETA1), u.get(BETA2), u.get(EPSILON));
            case AMSGRAD -> new AmsGrad(u.get(BETA1), u.get(BETA2), u.get(EPSILON));
            case ADAGRAD -> new AdaGrad(u.get(EPSILON));
            case RMSPROP -> new RmsProp(u.get(RMS_DECAY), u.get(EPSILON), fault);
            case ADADELTA -> new AdaDelta(u.get(RHO), u.get(EPSILON));
            case NOOP -> new NoOp();
        };
    }

    /** A schedule's SGD has no fixed lr: the rule's own lr is never used by a pipeline, so any valid one does. */
    private static double positiveOr(double lr) {
        return lr > 0 && Double.isFinite(lr) ? lr : 1;
    }

    /**
     * The pipeline for {@code u}: its rule, the learning rate {@code u.learningRateAt(iteration,
     * epoch)} (fixed, or its schedule's), {@code preprocessor} on the gradients first; printed as
     * {@code u} prints, e.g. {@code SGD(lr=0.1)}.
     */
    public static UpdatePipeline pipeline(UpdaterSpec u, UpdatePipeline.GradientPreprocessor preprocessor, Fault fault) {
        return new UpdatePipeline(rule(u, fault), u::learningRateAt, u.toString(), preprocessor, fault);
    }
}
