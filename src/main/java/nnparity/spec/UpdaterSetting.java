package nnparity.spec;

/**
 * One number an updater is configured by. Each {@link Updater} has some of them
 * ({@link Updater#settings()}); asking an updater for one it lacks is an error, not a silent 0.
 */
public enum UpdaterSetting {
    /** The step size η (DL4J {@code learningRate}). */
    LEARNING_RATE("lr", "--lr"),
    /** Nesterov momentum μ, the velocity's decay. */
    MOMENTUM("momentum", "--momentum"),
    /** β₁, the decay of the mean (first moment) of the gradient. */
    BETA1("beta1", "--beta1"),
    /** β₂, the decay of the (uncentred) variance, or of the infinity norm for AdaMax. */
    BETA2("beta2", "--beta2"),
    /** ε, which keeps a division by a root of accumulated squares finite. */
    EPSILON("epsilon", "--epsilon"),
    /** RMSProp's decay of the running mean of squared gradients (DL4J {@code rmsDecay}). */
    RMS_DECAY("rmsDecay", "--rms-decay"),
    /** AdaDelta's ρ, the decay of both of its running means. */
    RHO("rho", "--rho");

    private final String id;
    private final String flag;

    UpdaterSetting(String id, String flag) {
        this.id = id;
        this.flag = flag;
    }

    /** As DL4J names it, e.g. {@code beta1}, {@code rmsDecay}. */
    public String id() {
        return id;
    }

    /** The command-line flag that sets it, e.g. {@code --beta1}. */
    public String flag() {
        return flag;
    }
}
