package nnparity.cli;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import nnparity.spec.Activation;
import nnparity.spec.BatchNormSpec;
import nnparity.spec.GradNorm;
import nnparity.spec.Init;
import nnparity.spec.LayerSpec;
import nnparity.spec.Loss;
import nnparity.spec.LrSchedule;
import nnparity.spec.NetSpec;
import nnparity.spec.Regularization;
import nnparity.spec.Updater;
import nnparity.spec.UpdaterSetting;
import nnparity.spec.UpdaterSpec;
import picocli.CommandLine.Option;

/**
 * The flags that describe the network, shared by {@code Compare} and {@code Compare gradcheck}
 * (a picocli mixin). A flag left out keeps the task's default.
 */
final class NetOptions {

    @Option(names = "--hidden", paramLabel = "N[,N...]", hideParamSyntax = true, split = ",", converter = Converters.Size.class,
            description = "Hidden layer sizes, input side first, e.g. 100,50 (default 50: one hidden layer).")
    List<Integer> hidden;

    @Option(names = "--activation", paramLabel = "NAME[,NAME...]", hideParamSyntax = true, split = ",", converter = Converters.ActivationConverter.class,
            description = "Hidden activation, one for all layers or one per layer: relu (default) | leakyrelu | elu | selu | softplus"
                    + " | softsign | sigmoid | hardsigmoid | tanh | hardtanh | swish | cube | identity | step (step: forward only, --epochs 0).")
    List<Activation> activation;

    @Option(names = "--loss", paramLabel = "NAME", converter = Converters.LossConverter.class,
            description = "Loss and its output activation: mcxent = softmax + cross-entropy (default) | nll = softmax + negative"
                    + " log-likelihood | mse = identity + mean squared error | l1 = identity + L1 | xent = sigmoid + binary"
                    + " cross-entropy (multi-label; needs --multi-label on a one-hot task).")
    Loss loss;

    @Option(names = "--multi-label", description = "With --loss xent: treat each output as its own yes/no label, as asked.")
    boolean multiLabel;

    @Option(names = "--l1", paramLabel = "X", converter = Converters.Coefficient.class, description = "L1 on every layer's weights (DL4J's l1): gradient += X·sign(W), score += X·Σ|W|.")
    Double l1;

    @Option(names = "--l2", paramLabel = "X", converter = Converters.Coefficient.class, description = "L2 on every layer's weights (DL4J's l2): gradient += X·W before the updater, score += X/2·ΣW².")
    Double l2;

    @Option(names = "--weight-decay", paramLabel = "X", converter = Converters.Coefficient.class,
            description = "Weight decay on every layer's weights (DL4J's weightDecay): W -= lr·X·W after the updater, score += X/2·ΣW².")
    Double weightDecay;

    @Option(names = "--l1-bias", paramLabel = "X", converter = Converters.Coefficient.class, description = "L1 on every layer's bias (DL4J's l1Bias).")
    Double l1Bias;

    @Option(names = "--l2-bias", paramLabel = "X", converter = Converters.Coefficient.class, description = "L2 on every layer's bias (DL4J's l2Bias).")
    Double l2Bias;

    @Option(names = "--weight-decay-bias", paramLabel = "X", converter = Converters.Coefficient.class, description = "Weight decay on every layer's bias (DL4J's weightDecayBias).")
    Double weightDecayBias;

    @Option(names = "--no-minibatch", description = "DL4J's miniBatch(false): the gradient and score are sums over the batch, not means.")
    boolean noMinibatch;

    @Option(names = "--lr", paramLabel = "X", converter = Converters.LearningRate.class,
            description = "The updater's learning rate (default: the tutorial's 0.1 for sgd, DL4J's default for the others).")
    Double lr;

    @Option(names = "--updater", paramLabel = "NAME", converter = Converters.UpdaterConverter.class,
            description = "sgd (default) | nesterovs | adam | adamax | nadam | amsgrad | adagrad | rmsprop | adadelta | noop;"
                    + " settings left out take DL4J's defaults.")
    Updater updater;

    @Option(names = "--momentum", paramLabel = "X", converter = Converters.Decay.class, description = "nesterovs: momentum μ (DL4J default 0.9).")
    Double momentum;

    @Option(names = "--beta1", paramLabel = "X", converter = Converters.Decay.class, description = "adam, adamax, nadam, amsgrad: β₁ (default 0.9).")
    Double beta1;

    @Option(names = "--beta2", paramLabel = "X", converter = Converters.Decay.class, description = "adam, adamax, nadam, amsgrad: β₂ (default 0.999).")
    Double beta2;

    @Option(names = "--epsilon", paramLabel = "X", converter = Converters.LearningRate.class,
            description = "adam-like 1e-8, adagrad 1e-6, rmsprop 1e-8, adadelta 1e-6 by default: ε in the update's denominator.")
    Double epsilon;

    @Option(names = "--rms-decay", paramLabel = "X", converter = Converters.Decay.class, description = "rmsprop: decay of the mean of squared gradients (default 0.95).")
    Double rmsDecay;

    @Option(names = "--rho", paramLabel = "X", converter = Converters.Decay.class, description = "adadelta: ρ (default 0.95).")
    Double rho;

    @Option(names = "--schedule", paramLabel = "KIND[,k=v...]", hideParamSyntax = true,
            description = "Learning-rate schedule from the updater's lr: step,gamma=G,step=S | exponential,gamma=G | inverse,gamma=G,power=P"
                    + " | poly,power=P,maxIter=M (DL4J's: lr·(1 + t/M)^P, 0 from M on; a negative P decays) | sigmoid,gamma=G,step=S | map,0=LR,T=LR... (e.g. step,gamma=0.5,step=100).")
    String schedule;

    @Option(names = "--schedule-by", paramLabel = "iteration|epoch", converter = Converters.ScheduleUnitConverter.class,
            description = "What the schedule counts: iteration (default, one per update) or epoch.")
    LrSchedule.Unit scheduleBy;

    @Option(names = "--grad-norm", paramLabel = "MODE", converter = Converters.GradNormConverter.class,
            description = "DL4J's gradient normalization per layer: renormalize-l2-per-layer | renormalize-l2-per-param-type"
                    + " | clip-element-wise-absolute-value | clip-l2-per-layer | clip-l2-per-param-type (clipping modes need --grad-norm-threshold).")
    GradNorm.Mode gradNorm;

    @Option(names = "--grad-norm-threshold", paramLabel = "X", converter = Converters.LearningRate.class, description = "The clipping modes' threshold.")
    Double gradNormThreshold;

    @Option(names = "--keep-prob", paramLabel = "P[,P...]", hideParamSyntax = true, split = ",", converter = Converters.KeepProb.class,
            description = "Dropout, given as the probability of KEEPING a unit (DL4J's dropOut(p); p = 0.8 drops 20%%). One value: the input"
                    + " of every layer after the first; one per layer (hidden layers + output): each layer's input, the data's included.")
    List<Double> keepProb;

    @Option(names = "--batchnorm", description = "A BatchNormalization layer after each hidden layer (DL4J's defaults: eps 1e-5, decay 0.9).")
    boolean batchNorm;

    @Option(names = "--seed", paramLabel = "N", converter = Converters.Seed.class, description = "Seeds the initial parameters, random points and batch order (default 42).")
    Long seed;

    @Option(names = "--init", paramLabel = "NAME", converter = Converters.InitConverter.class,
            description = "Initial weights: normal = 0.01·N(0,1) (default) | xavier | xavier_uniform | relu | relu_uniform | lecun_normal"
                    + " | uniform | zero (drawn by hand with DL4J's definitions) | dl4j = DL4J's own, copied across.")
    Init init;

    /** The first given flag that shapes the layers, loss, penalties or learning rate, e.g. {@code --hidden}; null if none. */
    String layerFlag() {
        if (hidden != null) return "--hidden";
        if (activation != null) return "--activation";
        if (loss != null) return "--loss";
        if (multiLabel) return "--multi-label";
        if (l1 != null) return "--l1";
        if (l2 != null) return "--l2";
        if (weightDecay != null) return "--weight-decay";
        if (l1Bias != null) return "--l1-bias";
        if (l2Bias != null) return "--l2-bias";
        if (weightDecayBias != null) return "--weight-decay-bias";
        if (noMinibatch) return "--no-minibatch";
        if (lr != null) return "--lr";
        String training = trainingFlag();
        if (training != null) return training;
        if (keepProb != null) return "--keep-prob";
        if (batchNorm) return "--batchnorm";
        return null;
    }

    /** The first given flag that changes how a gradient becomes a step (updater, its settings but lr, schedule, normalization), or null. */
    String trainingFlag() {
        if (updater != null) return "--updater";
        for (UpdaterSetting u : UpdaterSetting.values()) if (u != UpdaterSetting.LEARNING_RATE && settings().containsKey(u)) return u.flag();
        if (schedule != null) return "--schedule";
        if (scheduleBy != null) return "--schedule-by";
        if (gradNorm != null) return "--grad-norm";
        if (gradNormThreshold != null) return "--grad-norm-threshold";
        return null;
    }

    /** {@code defaults} with every given flag applied; a bad value or combination fails naming its flags. */
    NetSpec apply(NetSpec defaults) {
        NetSpec s = defaults;
        if (hidden != null) s = s.withSizes(s.nIn(), hidden, s.nOut());
        if (activation != null) s = s.withHidden(activations(s));
        if (loss != null) s = s.withLoss(loss);
        if (s.loss() == Loss.XENT && s.nOut() > 1 && !multiLabel)
            throw new UsageError("--loss xent scores each of the " + s.nOut() + " outputs as its own yes/no label (sigmoid),"
                    + " but this task's labels are one-hot over " + s.nOut() + " classes, for which the loss is mcxent or nll;"
                    + " add --multi-label to train xent on them anyway");
        if (multiLabel && s.loss() != Loss.XENT)
            throw new UsageError("--multi-label belongs to --loss xent; the loss here is " + s.loss().id());
        Regularization r = regularization(s);
        if (r != null) s = s.withRegularization(r);
        if (noMinibatch) s = s.withMiniBatch(false);
        s = s.withUpdater(updaterSpec(s.updater()));
        s = s.withGradNorm(gradNorm(s.gradNorm()));
        if (keepProb != null) s = keepProbs(s);
        if (batchNorm) {
            if (s.hidden().isEmpty()) throw new UsageError("--batchnorm goes after hidden layers, and this net has none");
            s = s.withBatchNorm(BatchNormSpec.DL4J_DEFAULT);
        }
        if (init != null) s = s.withInit(init);
        if (seed != null) s = s.withSeed(seed);
        return s;
    }

    /** The updater flags given, by setting (the learning rate included). */
    private Map<UpdaterSetting, Double> settings() {
        Map<UpdaterSetting, Double> m = new EnumMap<>(UpdaterSetting.class);
        if (lr != null) m.put(UpdaterSetting.LEARNING_RATE, lr);
        if (momentum != null) m.put(UpdaterSetting.MOMENTUM, momentum);
        if (beta1 != null) m.put(UpdaterSetting.BETA1, beta1);
        if (beta2 != null) m.put(UpdaterSetting.BETA2, beta2);
        if (epsilon != null) m.put(UpdaterSetting.EPSILON, epsilon);
        if (rmsDecay != null) m.put(UpdaterSetting.RMS_DECAY, rmsDecay);
        if (rho != null) m.put(UpdaterSetting.RHO, rho);
        return m;
    }

    /**
     * The task's updater, or {@code --updater}'s with DL4J's defaults (the task's own settings when
     * it names the task's updater), with the setting flags and the schedule applied.
     */
    UpdaterSpec updaterSpec(UpdaterSpec taskDefault) {
        UpdaterSpec u = updater == null || updater == taskDefault.type() ? taskDefault : UpdaterSpec.defaults(updater);
        for (Map.Entry<UpdaterSetting, Double> e : settings().entrySet()) {
            if (!u.type().has(e.getKey()))
                throw new UsageError(e.getKey().flag() + " is not a setting of " + u.type().id() + (updater == null ? " (the default updater; choose one with --updater)" : "")
                        + "; " + (u.type().settings().isEmpty() ? u.type().id() + " has no settings" : u.type().id() + " takes: "
                        + u.type().settings().stream().map(UpdaterSetting::flag).collect(Collectors.joining(", "))));
            u = u.with(e.getKey(), e.getValue());
        }
        if (scheduleBy != null && schedule == null) throw new UsageError("--schedule-by " + scheduleBy.id() + " needs a --schedule");
        if (schedule != null) {
            if (!u.type().has(UpdaterSetting.LEARNING_RATE))
                throw new UsageError("--schedule needs an updater with a learning rate; " + u.type().id() + " has none");
            if (u.type() == Updater.ADAGRAD) throw new UsageError(nnparity.dl4j.Dl4jUpdaters.ADAGRAD_SCHEDULE);
            u = u.withSchedule(Schedules.parse(schedule, scheduleBy == null ? LrSchedule.Unit.ITERATION : scheduleBy, u.learningRate()));
        }
        return u;
    }

    private GradNorm gradNorm(GradNorm taskDefault) {
        if (gradNorm == null) {
            if (gradNormThreshold != null) throw new UsageError("--grad-norm-threshold " + gradNormThreshold + " needs a clipping --grad-norm mode");
            return taskDefault;
        }
        if (gradNorm.usesThreshold() && gradNormThreshold == null)
            throw new UsageError("--grad-norm " + gradNorm.id() + " needs --grad-norm-threshold X, the largest value it lets through");
        if (!gradNorm.usesThreshold() && gradNormThreshold != null)
            throw new UsageError("--grad-norm " + gradNorm.id() + " takes no threshold; drop --grad-norm-threshold or use a clip-… mode");
        return new GradNorm(gradNorm, gradNorm.usesThreshold() ? gradNormThreshold : 0);
    }

    private NetSpec keepProbs(NetSpec s) {
        if (keepProb.size() == 1 && !s.hidden().isEmpty()) return s.withKeepProb(keepProb.get(0));
        if (keepProb.size() != s.depth())
            throw new UsageError("--keep-prob " + keepProb.stream().map(String::valueOf).collect(Collectors.joining(",")) + " names " + keepProb.size()
                    + " values for " + s.depth() + " layers; give one value (every layer after the first) or one per layer, input side first");
        List<LayerSpec> h = new ArrayList<>();
        for (int k = 0; k < s.hidden().size(); k++) h.add(s.hidden().get(k).withKeepProb(keepProb.get(k)));
        return s.withHidden(h).withOutput(s.output().withKeepProb(keepProb.get(s.depth() - 1)));
    }

    private List<LayerSpec> activations(NetSpec s) {
        List<LayerSpec> h = s.hidden();
        if (activation.size() != 1 && activation.size() != h.size())
            throw new UsageError("--activation " + activation.stream().map(Activation::id).collect(Collectors.joining(","))
                    + " names " + activation.size() + " activations for " + h.size() + " hidden layer" + (h.size() == 1 ? "" : "s")
                    + " (--hidden " + h.stream().map(l -> String.valueOf(l.nOut())).collect(Collectors.joining(",")) + ");"
                    + " give one activation for all layers or one per layer");
        List<LayerSpec> out = new ArrayList<>();
        for (int k = 0; k < h.size(); k++) out.add(h.get(k).withActivation(activation.get(activation.size() == 1 ? 0 : k)));
        return out;
    }

    /** The flags' penalties over the net's own (the same on every layer), or null when none was given. */
    private Regularization regularization(NetSpec s) {
        if (l1 == null && l2 == null && weightDecay == null && l1Bias == null && l2Bias == null && weightDecayBias == null) return null;
        Regularization r = s.output().regularization();
        if (l1 != null) r = r.withL1(l1);
        if (l2 != null) r = r.withL2(l2);
        if (weightDecay != null) r = r.withWeightDecay(weightDecay);
        if (l1Bias != null) r = r.withL1Bias(l1Bias);
        if (l2Bias != null) r = r.withL2Bias(l2Bias);
        if (weightDecayBias != null) r = r.withWeightDecayBias(weightDecayBias);
        return r;
    }
}
