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

    private static IUpdater adamLike(IUpdater a, UpdaterSpec u) {
        double b1 = u.get(BETA1), b2 = u.get(BETA2), eps = u.get(EPSILON);
        if (a instanceof Adam x) { x.setBeta1(b1); x.setBeta2(b2); x.setEpsilon(eps); }
        if (a instanceof AdaMax x) { x.setBeta1(b1); x.setBeta2(b2); x.setEpsilon(eps); }
        if (a instanceof Nadam x) { x.setBeta1(b1); x.setBeta2(b2); x.setEpsilon(eps); }
        if (a instanceof AMSGrad x) { x.setBeta1(b1); x.setBeta2(b2); x.setEpsilon(eps); }
        return a;
    }
}
