package nnparity.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import nnparity.spec.Activation;
import nnparity.spec.Init;
import nnparity.spec.LayerSpec;
import nnparity.spec.Loss;
import nnparity.spec.NetSpec;
import nnparity.spec.Regularization;
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

    @Option(names = "--lr", paramLabel = "X", converter = Converters.LearningRate.class, description = "SGD learning rate (default 0.1).")
    Double lr;

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
        if (lr != null) s = s.withLearningRate(lr);
        if (init != null) s = s.withInit(init);
        if (seed != null) s = s.withSeed(seed);
        return s;
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
