package nnparity.dl4j;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.learning.regularization.L1Regularization;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.WeightDecay;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;
import org.nd4j.linalg.lossfunctions.impl.LossL1;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;
import org.nd4j.linalg.lossfunctions.impl.LossNegativeLogLikelihood;

import java.util.ArrayList;
import java.util.List;

import nnparity.spec.BatchNormSpec;
import nnparity.spec.LayerSpec;
import nnparity.spec.NetSpec;
import nnparity.spec.Regularization;

/**
 * Builds the DL4J twin of a {@link NetSpec}, for any depth:
 *
 * <pre>
 *   DenseLayer(nIn → n1, f1)                a1 = f1(x·W1 + b1)        [batch, nIn] → [batch, n1]
 *   [BatchNormalization(n1)]                y1 = γ1 ⊙ â1 + β1          only where the hidden layer asks for it
 *   …                                       one per hidden layer
 *   OutputLayer(n_{L−1} → nOut, fL, loss)   ŷ = fL(a_{L−1}·WL + bL)   [batch, n_{L−1}] → [batch, nOut]
 *   Sgd(lr), DataType.DOUBLE, WeightInit.XAVIER, seed, miniBatch
 *   Dropout(p) on each layer whose spec keeps its input units with probability p &lt; 1
 * </pre>
 *
 * Every setting that differs from DL4J's builder defaults is set on purpose: the data type
 * (default FLOAT), each activation (default SIGMOID), the updater (default Sgd(1e-3)), the loss
 * and its clip, which come from the spec so both sides report the same loss.
 *
 * <p>Each layer's penalties are set on that layer as explicit lists,
 * {@code regularization([L1Regularization, L2Regularization, WeightDecay])} and likewise
 * {@code regularizationBias}, never through the builders' {@code l2(x)} / {@code weightDecay(x)}:
 * in DL4J 1.0.0-M2.1 setting one of those clears the other, and the network-wide
 * {@code NeuralNetConfiguration.Builder.weightDecay(x)} puts {@code WeightDecay} into each layer's
 * list twice, so it decays twice (see {@code Dl4jNetsTest}). A layer without penalties gets no
 * list, which leaves the tutorial's configuration exactly as it was.
 *
 * <p>A {@code BatchNormalization} layer takes DL4J layer index k + 1 after the dense layer at
 * index k, so dense layer k is no longer DL4J layer k once a batch norm precedes it:
 * {@link #layerIndex} maps one to the other.
 */
public final class Dl4jNets {
    private Dl4jNets() {
    }

    /** The configuration for {@code spec}, trained by its updater ({@link Dl4jUpdaters#of(nnparity.spec.UpdaterSpec)}). */
    public static MultiLayerConfiguration configuration(NetSpec spec) {
        return configuration(spec, Dl4jUpdaters.of(spec.updater()));
    }

    /**
     * The configuration for {@code spec} with another updater, e.g. {@code NoOp} or
     * {@code Sgd(1.0)} for DL4J's {@code GradientCheckUtil}, which requires one of those.
     */
    public static MultiLayerConfiguration configuration(NetSpec spec, IUpdater updater) {
        useDoublePrecision();
        NeuralNetConfiguration.ListBuilder list = Dl4jGradientNormalization.set(spec.gradNorm(), new NeuralNetConfiguration.Builder()
                .seed(spec.seed())
                .dataType(DataType.DOUBLE)
                .updater(updater)
                .weightInit(WeightInit.XAVIER)
                .miniBatch(spec.miniBatch()))
                .list();
        List<LayerSpec> layers = spec.layers();
        for (int k = 0; k < spec.hidden().size(); k++) {
            LayerSpec l = layers.get(k);
            DenseLayer.Builder b = new DenseLayer.Builder().nIn(spec.nIn(k)).nOut(l.nOut()).activation(activation(l.activation()));
            list.layer(penalties(b, l.regularization()).build());
            if (l.hasBatchNorm()) list.layer(batchNormalization(l.nOut(), l.batchNorm()));
        }
        int out = layers.size() - 1;
        OutputLayer.Builder b = new OutputLayer.Builder(lossFunction(spec)).nIn(spec.nIn(out)).nOut(spec.nOut())
                .activation(activation(spec.output().activation()));
        list.layer(penalties(b, spec.output().regularization()).build());
        return dropout(list.build(), spec);
    }

    /**
     * Sets stock {@code Dropout(p)} on every dense layer whose spec has keep probability p &lt; 1:
     * DL4J's {@code dropOut(p)}, p the probability of keeping a unit of the layer's input. Set on
     * the built configuration so it stays apart from how each layer is built.
     */
    private static MultiLayerConfiguration dropout(MultiLayerConfiguration conf, NetSpec spec) {
        List<org.deeplearning4j.nn.conf.layers.Layer> dense = denseLayers(conf);
        List<LayerSpec> layers = spec.layers();
        for (int k = 0; k < layers.size(); k++) {
            if (layers.get(k).hasDropout()) dense.get(k).setIDropout(new Dropout(layers.get(k).keepProb()));
        }
        return conf;
    }

    /**
     * For the lockstep: replaces every stock {@code Dropout(p)} in {@code conf} (built here, or a
     * user's) with a {@link SharedMaskDropout} of the same p whose masks come from {@code masks},
     * keyed by the dense layer's number (1-based, batch-norm layers not counted). Changes
     * {@code conf} in place, so it works on the configuration of a network already built: DL4J's
     * layers read their dropout from it at every training pass.
     *
     * @throws IllegalArgumentException for a dropout this cannot mirror: another IDropout than
     *                                  {@code Dropout}, a schedule of p, or dropout on a layer that is not dense
     */
    public static MultiLayerConfiguration withSharedMasks(MultiLayerConfiguration conf, SharedMaskDropout.Masks masks) {
        int dense = 0;
        for (int i = 0; i < conf.getConfs().size(); i++) {
            org.deeplearning4j.nn.conf.layers.Layer l = conf.getConf(i).getLayer();
            boolean isDense = isDense(l);
            if (isDense) dense++;
            IDropout d = l.getIDropout();
            if (d == null || d instanceof SharedMaskDropout) continue;
            if (!isDense || !(d instanceof Dropout stock) || stock.getPSchedule() != null || !(stock.getP() > 0 && stock.getP() <= 1))
                throw new IllegalArgumentException("layer " + i + " (" + l.getClass().getSimpleName() + ") has dropout " + d
                        + "; the lockstep mirrors only Dropout(p) with a fixed keep probability p in (0, 1] on a dense layer");
            l.setIDropout(new SharedMaskDropout(dense, stock.getP(), masks));
        }
        return conf;
    }

    /** The dense layers (DenseLayer, OutputLayer) of {@code conf}, in order: layer k of the spec at index k. */
    private static List<org.deeplearning4j.nn.conf.layers.Layer> denseLayers(MultiLayerConfiguration conf) {
        List<org.deeplearning4j.nn.conf.layers.Layer> out = new ArrayList<>();
        for (var c : conf.getConfs()) if (isDense(c.getLayer())) out.add(c.getLayer());
        return out;
    }

    private static boolean isDense(org.deeplearning4j.nn.conf.layers.Layer l) {
        return l instanceof DenseLayer || l instanceof OutputLayer;
    }

    /**
     * DL4J's batch-norm layer for {@code n} units with the spec's eps and decay. Set explicitly:
     * the activation IDENTITY (the network default is SIGMOID; the layer's {@code activate} does not
     * apply it in M2.1, but the configuration then says what it does), and {@code useLogStd(true)},
     * the builder's own default, under which the parameter view holds log10(std) rather than the
     * variance. gamma and beta start at 1 and 0 and are learned ({@code lockGammaBeta(false)}); the
     * layer is never regularized (its {@code getRegularizationByParam} returns null).
     */
    public static BatchNormalization batchNormalization(int n, BatchNormSpec b) {
        return new BatchNormalization.Builder().nIn(n).nOut(n).eps(b.eps()).decay(b.decay())
                .useLogStd(true).lockGammaBeta(false).activation(Activation.IDENTITY).build();
    }

    /**
     * DL4J's layer index of dense layer {@code k} (0-based, as in the canonical list) in the net
     * {@link #configuration} builds for {@code spec}: k plus the batch norms before it.
     */
    public static int layerIndex(NetSpec spec, int k) {
        if (k < 0 || k >= spec.depth()) throw new IllegalArgumentException("dense layer " + k + " is invalid; the spec has 0.." + (spec.depth() - 1));
        int i = k;
        for (int h = 0; h < k; h++) if (spec.layers().get(h).hasBatchNorm()) i++;
        return i;
    }

    /** Sets {@code r} on the layer's builder (builders change in place); returns the builder. */
    private static <B extends BaseLayer.Builder<B>> B penalties(B b, Regularization r) {
        if (r.isNone()) return b;
        b.regularization(regularization(r.l1(), r.l2(), r.weightDecay(), r.weightDecayTimesLr()));
        b.regularizationBias(regularization(r.l1Bias(), r.l2Bias(), r.weightDecayBias(), r.weightDecayTimesLr()));
        return b;
    }

    /**
     * DL4J's list for one parameter type: {@code L1Regularization(l1)}, {@code L2Regularization(l2)},
     * {@code WeightDecay(wd, applyLR)}, in that order, each only when its coefficient is nonzero.
     * Mutable, because DL4J's builder adds the network-wide penalties to it.
     */
    private static List<org.nd4j.linalg.learning.regularization.Regularization> regularization(double l1, double l2, double wd, boolean applyLR) {
        List<org.nd4j.linalg.learning.regularization.Regularization> list = new ArrayList<>();
        if (l1 != 0) list.add(new L1Regularization(l1));
        if (l2 != 0) list.add(new L2Regularization(l2));
        if (wd != 0) list.add(new WeightDecay(wd, applyLR));
        return list;
    }

    /**
     * DL4J's loss function object for the spec's loss, with the spec's clip:
     * {@code LossMCXENT(clip, null)}; {@code LossNegativeLogLikelihood} with
     * {@code setSoftmaxClipEps(clip)} (it has no constructor taking a clip, but inherits MCXENT's
     * field and setter, and its JSON keeps the value); {@code LossMSE}; {@code LossL1};
     * {@code LossBinaryXENT(clip)}.
     */
    public static ILossFunction lossFunction(NetSpec spec) {
        return switch (spec.loss()) {
            case MCXENT -> new LossMCXENT(spec.lossClipEps(), null);
            case NEGATIVELOGLIKELIHOOD -> {
                LossNegativeLogLikelihood nll = new LossNegativeLogLikelihood();
                nll.setSoftmaxClipEps(spec.lossClipEps());
                yield nll;
            }
            case MSE -> new LossMSE();
            case L1 -> new LossL1();
            case XENT -> new LossBinaryXENT(spec.lossClipEps());
        };
    }

    /** A network built from {@link #configuration(NetSpec)} and initialised (DL4J draws XAVIER weights). */
    public static MultiLayerNetwork network(NetSpec spec) {
        return network(configuration(spec));
    }

    public static MultiLayerNetwork network(MultiLayerConfiguration conf) {
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /**
     * The DL4J activation for a spec activation, each with DL4J's default constants
     * ({@code ActivationLReLU} α = 0.01, {@code ActivationELU} α = 1); step has none built in, so
     * it gets {@link StepActivation}.
     */
    public static IActivation activation(nnparity.spec.Activation a) {
        return switch (a) {
            case RELU -> Activation.RELU.getActivationFunction();
            case LEAKYRELU -> Activation.LEAKYRELU.getActivationFunction();
            case ELU -> Activation.ELU.getActivationFunction();
            case SELU -> Activation.SELU.getActivationFunction();
            case SOFTPLUS -> Activation.SOFTPLUS.getActivationFunction();
            case SOFTSIGN -> Activation.SOFTSIGN.getActivationFunction();
            case SIGMOID -> Activation.SIGMOID.getActivationFunction();
            case HARDSIGMOID -> Activation.HARDSIGMOID.getActivationFunction();
            case TANH -> Activation.TANH.getActivationFunction();
            case HARDTANH -> Activation.HARDTANH.getActivationFunction();
            case SWISH -> Activation.SWISH.getActivationFunction();
            case CUBE -> Activation.CUBE.getActivationFunction();
            case IDENTITY -> Activation.IDENTITY.getActivationFunction();
            case STEP -> new StepActivation();
            case SOFTMAX -> Activation.SOFTMAX.getActivationFunction();
        };
    }

    /**
     * Caps the threads ND4J uses inside one op (its OpenMP loops and OpenBLAS) at {@code n};
     * {@code n = 0} keeps ND4J's default, one per core. On the 2-core machine measured in
     * benchmarks/, one thread is DL4J's fastest setup for these small nets by 3–6×: a second
     * OpenMP thread only adds synchronisation. It changes the order of some sums, not the math.
     */
    public static void useThreads(int n) {
        if (n < 0) throw new IllegalArgumentException("ND4J threads " + n + " is invalid; give ≥ 1, or 0 for ND4J's default");
        if (n == 0) return;
        Nd4j.getEnvironment().setMaxThreads(n);
        Nd4j.getEnvironment().setMaxMasterThreads(n);
        Nd4j.factory().blas().setMaxThreads(n);
    }

    /** E.g. {@code 1 ND4J thread}: what {@link #useThreads} left in effect. */
    public static String threads() {
        int n = Nd4j.getEnvironment().maxMasterThreads();
        return n + " ND4J thread" + (n == 1 ? "" : "s");
    }

    /** ND4J creates FLOAT arrays unless told otherwise; parity needs DOUBLE everywhere. */
    public static void useDoublePrecision() {
        if (Nd4j.dataType() != DataType.DOUBLE) Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }
}
