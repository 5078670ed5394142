package nnparity.dl4j;

import static nnparity.spec.UpdaterSetting.BETA1;
import static nnparity.spec.UpdaterSetting.BETA2;
import static nnparity.spec.UpdaterSetting.EPSILON;
import static nnparity.spec.UpdaterSetting.MOMENTUM;
import static nnparity.spec.UpdaterSetting.RHO;
import static nnparity.spec.UpdaterSetting.RMS_DECAY;

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
import org.nd4j.linalg.schedule.ISchedule;

import nnparity.spec.UpdaterSpec;

/**
 * DL4J's {@link IUpdater} for an {@link UpdaterSpec}, every setting set explicitly (never left to
 * DL4J's defaults, though the spec's defaults are DL4J's):
 *
 * <pre>
 *   sgd        Sgd(lr)                    nesterovs  Nesterovs(lr, momentum)
 *   adam       Adam(lr) β₁ β₂ ε           adamax, nadam, amsgrad likewise (AdaMax, Nadam, AMSGrad)
 *   adagrad    AdaGrad(lr, ε)             rmsprop    RmsProp(lr, rmsDecay, ε)
 *   adadelta   AdaDelta(ρ, ε)             noop       NoOp()
 * </pre>
 */
public final class Dl4jUpdaters {
    private Dl4jUpdaters() {
    }

    /**
     * The updater with the spec's learning rate: its schedule as DL4J's {@link ISchedule}
     * ({@link Dl4jSchedules#of}) when it has one, else its fixed rate.
     */
    public static IUpdater of(UpdaterSpec u) {
        return of(u, u.schedule() == null ? null : Dl4jSchedules.of(u.schedule()));
    }

    /** The updater with {@code schedule} as its learning rate, or the spec's fixed one where {@code schedule} is null. */
    public static IUpdater of(UpdaterSpec u, ISchedule schedule) {
        if (u.type() == nnparity.spec.Updater.ADAGRAD && schedule != null) throw new IllegalArgumentException(ADAGRAD_SCHEDULE);
        double lr = u.learningRate();
        IUpdater out = switch (u.type()) {
            case SGD -> new Sgd(lr);
            case NESTEROVS -> new Nesterovs(lr, u.get(MOMENTUM));
            case ADAM -> adamLike(new Adam(lr), u);
            case ADAMAX -> adamLike(new AdaMax(lr), u);
            case NADAM -> adamLike(new Nadam(lr), u);
            case AMSGRAD -> adamLike(new AMSGrad(lr), u);
            case ADAGRAD -> new AdaGrad(lr, u.get(EPSILON));
            case RMSPROP -> new RmsProp(lr, u.get(RMS_DECAY), u.get(EPSILON));
            case ADADELTA -> new AdaDelta(u.get(RHO), u.get(EPSILON));
            case NOOP -> new NoOp();
        };
        if (schedule != null) out.setLrAndSchedule(Double.NaN, schedule);
        return out;
    }

    /**
     * Why AdaGrad cannot take a schedule here: in DL4J 1.0.0-M2.1 {@code AdaGrad.clone()} returns
     * {@code new AdaGrad(learningRate, epsilon)}, dropping the schedule, and every layer's updater is
     * a clone; the network then trains at learning rate NaN.
     */
    public static final String ADAGRAD_SCHEDULE = "adagrad cannot take a learning-rate schedule in DL4J 1.0.0-M2.1: AdaGrad.clone() drops"
            + " the schedule, so every layer's copy trains at learning rate NaN; use a fixed --lr with adagrad, or a schedule with another updater";

    private static IUpdater adamLike(IUpdater a, UpdaterSpec u) {
        double b1 = u.get(BETA1), b2 = u.get(BETA2), eps = u.get(EPSILON);
        if (a instanceof Adam x) { x.setBeta1(b1); x.setBeta2(b2); x.setEpsilon(eps); }
        if (a instanceof AdaMax x) { x.setBeta1(b1); x.setBeta2(b2); x.setEpsilon(eps); }
        if (a instanceof Nadam x) { x.setBeta1(b1); x.setBeta2(b2); x.setEpsilon(eps); }
        if (a instanceof AMSGrad x) { x.setBeta1(b1); x.setBeta2(b2); x.setEpsilon(eps); }
        return a;
    }
}
