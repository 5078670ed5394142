package nnparity.dl4j;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.deeplearning4j.nn.api.OptimizationAlgorithm;
import org.deeplearning4j.nn.conf.BackpropType;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationCube;
import org.nd4j.linalg.activations.impl.ActivationELU;
import org.nd4j.linalg.activations.impl.ActivationHardSigmoid;
import org.nd4j.linalg.activations.impl.ActivationHardTanH;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSELU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftPlus;
import org.nd4j.linalg.activations.impl.ActivationSoftSign;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationSwish;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
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
import org.nd4j.linalg.learning.regularization.L1Regularization;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.WeightDecay;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;
import org.nd4j.linalg.lossfunctions.impl.LossL1;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;
import org.nd4j.linalg.lossfunctions.impl.LossNegativeLogLikelihood;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.FixedSchedule;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.InverseSchedule;
import org.nd4j.linalg.schedule.MapSchedule;
import org.nd4j.linalg.schedule.PolySchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.linalg.schedule.SigmoidSchedule;
import org.nd4j.linalg.schedule.StepSchedule;

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

/**
 * Reads a user's DL4J {@code MultiLayerConfiguration} as a {@link NetSpec}, the inverse of
 * {@link Dl4jNets#configuration(NetSpec)}:
 *
 * <pre>
 *   DenseLayer … DenseLayer OutputLayer      →  hidden LayerSpecs, the output LayerSpec
 *   activation, nOut, l1/l2/weight decay     →  each LayerSpec (Regularization per layer)
 *   OutputLayer's loss and its clip          →  Loss, lossClipEps
 *   the updater, its settings and schedule   →  UpdaterSpec (the same on every layer)
 *   gradient normalization and threshold     →  GradNorm (the same on every layer)
 *   Dropout(p) on a layer                    →  that LayerSpec's keepProb p
 *   BatchNormalization after a DenseLayer    →  that LayerSpec's BatchNormSpec(eps, decay)
 *   seed, miniBatch                          →  seed, miniBatch
 *   the config's own weight init             →  Init.DL4J: DL4J's (or the saved model's) weights are used
 * </pre>
 *
 * Everything the spec cannot mirror exactly is refused, never approximated, with one line that
 * names the layer (0-based, as DL4J counts), its type, the setting, its value, and what is
 * supported, e.g. {@code layer 1 (DenseLayer): dropout 0.5 is not supported; supported: no dropout}.
 * Network-wide settings are named {@code network: …}. The weight init, bias init, layer names,
 * workspace and cache modes are not refused: they do not change what a step computes.
 */
public final class ConfigTranslator {
    private ConfigTranslator() {
    }

    /** The losses the spec mirrors, by DL4J class (exact class: LossSparseMCXENT extends LossMCXENT but is another loss). */
    private static final Map<Class<? extends ILossFunction>, Loss> LOSSES = Map.of(
            LossMCXENT.class, Loss.MCXENT,
            LossNegativeLogLikelihood.class, Loss.NEGATIVELOGLIKELIHOOD,
            LossMSE.class, Loss.MSE,
            LossL1.class, Loss.L1,
            LossBinaryXENT.class, Loss.XENT);

    private static final String SUPPORTED_LOSSES = "LossMCXENT, LossNegativeLogLikelihood, LossMSE, LossL1, LossBinaryXENT";

    /** The activations the spec mirrors, by DL4J class (parameters are checked separately). */
    private static final Map<Class<? extends IActivation>, Activation> ACTIVATIONS = Map.ofEntries(
            Map.entry(ActivationReLU.class, Activation.RELU),
            Map.entry(ActivationLReLU.class, Activation.LEAKYRELU),
            Map.entry(ActivationELU.class, Activation.ELU),
            Map.entry(ActivationSELU.class, Activation.SELU),
            Map.entry(ActivationSoftPlus.class, Activation.SOFTPLUS),
            Map.entry(ActivationSoftSign.class, Activation.SOFTSIGN),
            Map.entry(ActivationSigmoid.class, Activation.SIGMOID),
            Map.entry(ActivationHardSigmoid.class, Activation.HARDSIGMOID),
            Map.entry(ActivationTanH.class, Activation.TANH),
            Map.entry(ActivationHardTanH.class, Activation.HARDTANH),
            Map.entry(ActivationSwish.class, Activation.SWISH),
            Map.entry(ActivationCube.class, Activation.CUBE),
            Map.entry(ActivationIdentity.class, Activation.IDENTITY),
            Map.entry(StepActivation.class, Activation.STEP),
            Map.entry(ActivationSoftmax.class, Activation.SOFTMAX));

    /** Why a list may not hold a penalty twice, and how to avoid DL4J's own duplicate. */
    static final String ONCE_EACH = "each of L1Regularization, L2Regularization, WeightDecay at most once"
            + " (DL4J 1.0.0-M2.1's network-wide NeuralNetConfiguration.Builder.weightDecay(x) lists WeightDecay twice,"
            + " so it decays twice: set .weightDecay(x) on each layer's builder instead)";

    /**
     * The spec of {@code conf}, with {@link Init#DL4J}.
     *
     * @throws ImportException ({@link ImportException.Kind#UNSUPPORTED}) naming the first setting the spec cannot mirror
     */
    public static NetSpec toSpec(MultiLayerConfiguration conf) {
        List<NeuralNetConfiguration> confs = conf.getConfs();
        if (confs == null || confs.isEmpty())
            throw refused("network: 0 layers is not supported; supported: DenseLayer hidden layers, then an OutputLayer");
        if (conf.getDataType() != DataType.DOUBLE)
            throw refused("network: data type " + conf.getDataType() + " is not supported; supported: DOUBLE"
                    + " (build it with new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE))");
        if (conf.getBackpropType() != BackpropType.Standard)
            throw refused("network: backprop type " + conf.getBackpropType() + " is not supported; supported: Standard");
        Map<Integer, InputPreProcessor> pre = conf.getInputPreProcessors();
        if (pre != null && !pre.isEmpty()) {
            int k = pre.keySet().stream().min(Integer::compare).orElseThrow();
            throw refused(where(k, confs) + "input preprocessor " + pre.get(k) + " is not supported; supported: none");
        }

        NeuralNetConfiguration first = confs.get(0);
        int last = confs.size() - 1;
        UpdaterSpec updater = null;
        GradNorm gradNorm = null;
        List<LayerSpec> layers = new ArrayList<>();
        long nIn = 0;
        for (int k = 0; k <= last; k++) {
            NeuralNetConfiguration c = confs.get(k);
            Layer layer = c.getLayer();
            String at = where(k, confs);
            if (layer != null && layer.getClass() == BatchNormalization.class && k > 0 && k < last
                    && confs.get(k - 1).getLayer() != null && confs.get(k - 1).getLayer().getClass() == DenseLayer.class) {
                checkTraining(c, first, at);
                UpdaterSpec u = updater((BaseLayer) layer, at);
                if (!u.equals(updater))
                    throw refused(at + "updater " + u + " is not supported; supported: the same updater on every layer (layer 0 has " + updater + ")");
                int h = layers.size() - 1;
                layers.set(h, layers.get(h).withBatchNorm(batchNorm((BatchNormalization) layer, layers.get(h).nOut(), at)));
                continue;
            }
            checkType(k, last, layer, at);
            BaseLayer base = (BaseLayer) layer;
            checkTraining(c, first, at);
            long in = ((FeedForwardLayer) layer).getNIn();
            if (k == 0 && in < 1)
                throw refused(at + "nIn " + in + " is not supported; supported: nIn ≥ 1 (set .nIn(…) on the first layer)");
            if (k > 0 && in != layers.get(layers.size() - 1).nOut())
                throw refused(at + "nIn " + in + " is not supported; supported: nIn = nOut of layer " + (k - 1) + " (" + layers.get(layers.size() - 1).nOut() + ")");
            if (k == 0) nIn = in;
            checkLayer(base, at);
            UpdaterSpec u = updater(base, at);
            if (updater == null) updater = u;
            else if (!u.equals(updater))
                throw refused(at + "updater " + u + " is not supported; supported: the same updater on every layer (layer 0 has " + updater + ")");
            GradNorm g = gradNorm(base, at);
            if (gradNorm == null) gradNorm = g;
            else if (!g.equals(gradNorm))
                throw refused(at + "gradient normalization " + g + " is not supported; supported: the same on every layer (layer 0 has " + gradNorm + ")");
            layers.add(layerSpec(base, k == last, at));
        }
        last = layers.size() - 1;

        OutputLayer out = (OutputLayer) confs.get(confs.size() - 1).getLayer();
        String at = where(confs.size() - 1, confs);
        Loss loss = loss(out.getLossFn(), at);
        Activation outAct = layers.get(last).activation();
        if (!loss.allows(outAct))
            throw refused(at + "activation " + outAct.id() + " with " + out.getLossFn().getClass().getSimpleName() + " is not supported; supported: "
                    + loss.allowedActivations() + " with " + out.getLossFn().getClass().getSimpleName());
        try {
            return new NetSpec((int) nIn, layers.subList(0, last), layers.get(last), loss, clipEps(out.getLossFn()), updater, gradNorm,
                    Init.DL4J, first.getSeed(), first.isMiniBatch());
        } catch (IllegalArgumentException e) {
            throw refused("network: " + e.getMessage());
        }
    }

    /** {@code layer 1 (DenseLayer): }, the prefix of every message about one layer. */
    private static String where(int k, List<NeuralNetConfiguration> confs) {
        Layer l = k < confs.size() ? confs.get(k).getLayer() : null;
        return "layer " + k + " (" + (l == null ? "no layer" : l.getClass().getSimpleName()) + "): ";
    }

    /**
     * A {@code BatchNormalization} layer after a dense layer of {@code n} units: its eps and decay.
     * Its running statistics may be stored either way ({@code useLogStd}); locked γ and β, an
     * activation (which DL4J M2.1's layer never applies) and dropout are refused.
     */
    private static BatchNormSpec batchNorm(BatchNormalization b, int n, String at) {
        if (b.getNIn() != n || b.getNOut() != n)
            throw refused(at + "nIn " + b.getNIn() + ", nOut " + b.getNOut() + " is not supported; supported: nIn = nOut = " + n + ", the dense layer's size before it");
        if (b.isLockGammaBeta())
            throw refused(at + "lockGammaBeta true is not supported; supported: gamma and beta learned (lockGammaBeta false)");
        IActivation fn = b.getActivationFn();
        if (fn != null && fn.getClass() != ActivationIdentity.class)
            throw refused(at + "activation " + fn + " is not supported: DL4J 1.0.0-M2.1's BatchNormalization never applies it;"
                    + " supported: identity (put the activation on the dense layer, or on a layer of its own)");
        if (b.getIDropout() != null)
            throw refused(at + "dropout " + dropoutText(b.getIDropout()) + " is not supported; supported: no dropout on a BatchNormalization layer"
                    + " (set it on the next dense layer, whose input is the same)");
        try {
            return new BatchNormSpec(b.getEps(), b.getDecay());
        } catch (IllegalArgumentException e) {
            throw refused(at + e.getMessage());
        }
    }

    private static void checkType(int k, int last, Layer layer, String at) {
        Class<?> type = layer == null ? null : layer.getClass();
        String name = type == null ? "none" : type.getSimpleName();
        if (k < last && type != DenseLayer.class)
            throw refused(at + "layer type " + name + " is not supported; supported: DenseLayer (hidden layers, each may be followed by one"
                    + " BatchNormalization), OutputLayer (last layer)");
        if (k == last && type != OutputLayer.class)
            throw refused(at + "layer type " + name + " as the last layer is not supported; supported: OutputLayer as the last layer");
    }

    /** The per-layer copies of the network-wide training settings: plain SGD, minimising, one miniBatch. */
    private static void checkTraining(NeuralNetConfiguration c, NeuralNetConfiguration first, String at) {
        if (c.getOptimizationAlgo() != OptimizationAlgorithm.STOCHASTIC_GRADIENT_DESCENT)
            throw refused(at + "optimization algorithm " + c.getOptimizationAlgo() + " is not supported; supported: STOCHASTIC_GRADIENT_DESCENT");
        if (!c.isMinimize())
            throw refused(at + "minimize false is not supported; supported: minimize true");
        if (c.getStepFunction() != null)
            throw refused(at + "step function " + c.getStepFunction().getClass().getSimpleName() + " is not supported; supported: none (SGD's own step)");
        if (c.isMiniBatch() != first.isMiniBatch())
            throw refused(at + "miniBatch " + c.isMiniBatch() + " is not supported; supported: the same miniBatch on every layer (layer 0 has " + first.isMiniBatch() + ")");
    }

    /** What a dense layer may not have: no bias, layer norm, dropout, weight noise, constraints, gradient normalization. */
    private static void checkLayer(BaseLayer l, String at) {
        boolean hasBias = l instanceof DenseLayer d ? d.hasBias() : ((OutputLayer) l).hasBias();
        if (!hasBias) throw refused(at + "hasBias false is not supported; supported: hasBias true");
        if (l instanceof DenseLayer d && d.hasLayerNorm())
            throw refused(at + "hasLayerNorm true is not supported; supported: hasLayerNorm false");
        IDropout dropout = l.getIDropout();
        if (dropout != null && (dropout.getClass() != Dropout.class || ((Dropout) dropout).getPSchedule() != null))
            throw refused(at + "dropout " + dropoutText(dropout) + " is not supported; supported: Dropout(p) with a fixed retain probability p, or none");
        if (l.getWeightNoise() != null)
            throw refused(at + "weight noise " + l.getWeightNoise() + " is not supported; supported: no weight noise");
        if (l.getConstraints() != null && !l.getConstraints().isEmpty())
            throw refused(at + "constraints " + l.getConstraints() + " is not supported; supported: no constraints");
    }

    /** DL4J's gradient normalization of a layer and its threshold, as a {@link GradNorm}. */
    private static GradNorm gradNorm(BaseLayer l, String at) {
        GradientNormalization gn = l.getGradientNormalization();
        if (gn == null || gn == GradientNormalization.None) return GradNorm.NONE;
        GradNorm.Mode mode = switch (gn) {
            case RenormalizeL2PerLayer -> GradNorm.Mode.RENORMALIZE_L2_PER_LAYER;
            case RenormalizeL2PerParamType -> GradNorm.Mode.RENORMALIZE_L2_PER_PARAM_TYPE;
            case ClipElementWiseAbsoluteValue -> GradNorm.Mode.CLIP_ELEMENT_WISE_ABSOLUTE_VALUE;
            case ClipL2PerLayer -> GradNorm.Mode.CLIP_L2_PER_LAYER;
            case ClipL2PerParamType -> GradNorm.Mode.CLIP_L2_PER_PARAM_TYPE;
            default -> throw refused(at + "gradient normalization " + gn + " is not supported; supported: " + GradNorm.Mode.validNames());
        };
        try {
            return new GradNorm(mode, mode.usesThreshold() ? l.getGradientNormalizationThreshold() : 0);
        } catch (IllegalArgumentException e) {
            throw refused(at + e.getMessage());
        }
    }

    /**
     * {@code 0.5} for {@code Dropout(0.5)} (DL4J's retain probability), {@code Dropout(pSchedule=…)}
     * for a scheduled one (its toString would list its internal state), DL4J's toString for the others.
     */
    private static String dropoutText(IDropout d) {
        if (d.getClass() != Dropout.class) return String.valueOf(d);
        Dropout plain = (Dropout) d;
        return plain.getPSchedule() == null ? String.valueOf(plain.getP()) : "Dropout(pSchedule=" + plain.getPSchedule() + ")";
    }

    /**
     * The layer's updater with its settings and schedule; its bias updater, if set, must be the
     * same. DL4J's classes map one to one onto {@link Updater}.
     */
    private static UpdaterSpec updater(BaseLayer l, String at) {
        IUpdater u = l.getIUpdater();
        if (l.getBiasUpdater() != null && !l.getBiasUpdater().equals(u))
            throw refused(at + "bias updater " + l.getBiasUpdater() + " is not supported; supported: none (the layer's " + u + " for b too)");
        Map<UpdaterSetting, Double> s = new EnumMap<>(UpdaterSetting.class);
        ISchedule lrSchedule;
        Updater type;
        if (u != null && u.getClass() == Sgd.class) {
            type = Updater.SGD;
            s.put(UpdaterSetting.LEARNING_RATE, ((Sgd) u).getLearningRate());
            lrSchedule = ((Sgd) u).getLearningRateSchedule();
        } else if (u != null && u.getClass() == Nesterovs.class) {
            Nesterovs n = (Nesterovs) u;
            type = Updater.NESTEROVS;
            if (n.getMomentumISchedule() != null || (n.getMomentumSchedule() != null && !n.getMomentumSchedule().isEmpty()))
                throw refused(at + "updater Nesterovs with a momentum schedule is not supported; supported: a fixed momentum");
            s.put(UpdaterSetting.LEARNING_RATE, n.getLearningRate());
            s.put(UpdaterSetting.MOMENTUM, n.getMomentum());
            lrSchedule = n.getLearningRateSchedule();
        } else if (u != null && u.getClass() == Adam.class) {
            Adam a = (Adam) u;
            type = Updater.ADAM;
            adamLike(s, a.getLearningRate(), a.getBeta1(), a.getBeta2(), a.getEpsilon());
            lrSchedule = a.getLearningRateSchedule();
        } else if (u != null && u.getClass() == AdaMax.class) {
            AdaMax a = (AdaMax) u;
            type = Updater.ADAMAX;
            adamLike(s, a.getLearningRate(), a.getBeta1(), a.getBeta2(), a.getEpsilon());
            lrSchedule = a.getLearningRateSchedule();
        } else if (u != null && u.getClass() == Nadam.class) {
            Nadam a = (Nadam) u;
            type = Updater.NADAM;
            adamLike(s, a.getLearningRate(), a.getBeta1(), a.getBeta2(), a.getEpsilon());
            lrSchedule = a.getLearningRateSchedule();
        } else if (u != null && u.getClass() == AMSGrad.class) {
            AMSGrad a = (AMSGrad) u;
            type = Updater.AMSGRAD;
            adamLike(s, a.getLearningRate(), a.getBeta1(), a.getBeta2(), a.getEpsilon());
            lrSchedule = a.getLearningRateSchedule();
        } else if (u != null && u.getClass() == AdaGrad.class) {
            AdaGrad a = (AdaGrad) u;
            type = Updater.ADAGRAD;
            if (Double.isNaN(a.getLearningRate()) && a.getLearningRateSchedule() == null)
                throw refused(at + "updater " + u + " is not supported: its learning rate is NaN, as DL4J 1.0.0-M2.1 leaves an AdaGrad"
                        + " built with a schedule (AdaGrad.clone() drops the schedule); supported: AdaGrad with a fixed learning rate");
            s.put(UpdaterSetting.LEARNING_RATE, a.getLearningRate());
            s.put(UpdaterSetting.EPSILON, a.getEpsilon());
            lrSchedule = a.getLearningRateSchedule();
        } else if (u != null && u.getClass() == RmsProp.class) {
            RmsProp r = (RmsProp) u;
            type = Updater.RMSPROP;
            s.put(UpdaterSetting.LEARNING_RATE, r.getLearningRate());
            s.put(UpdaterSetting.RMS_DECAY, r.getRmsDecay());
            s.put(UpdaterSetting.EPSILON, r.getEpsilon());
            lrSchedule = r.getLearningRateSchedule();
        } else if (u != null && u.getClass() == AdaDelta.class) {
            AdaDelta a = (AdaDelta) u;
            type = Updater.ADADELTA;
            s.put(UpdaterSetting.RHO, a.getRho());
            s.put(UpdaterSetting.EPSILON, a.getEpsilon());
            lrSchedule = null;
        } else if (u != null && u.getClass() == NoOp.class) {
            type = Updater.NOOP;
            lrSchedule = null;
        } else {
            throw refused(at + "updater " + (u == null ? "none" : u.getClass().getSimpleName()) + " is not supported; supported: "
                    + "Sgd, Nesterovs, Adam, AdaMax, Nadam, AMSGrad, AdaGrad, RmsProp, AdaDelta, NoOp");
        }
        LrSchedule schedule = lrSchedule == null ? null : schedule(lrSchedule, at);
        if (schedule != null) s.put(UpdaterSetting.LEARNING_RATE, schedule.valueAt(0, 0));   // DL4J leaves the fixed rate NaN
        try {
            return new UpdaterSpec(type, s, schedule);
        } catch (IllegalArgumentException e) {
            throw refused(at + "updater " + u + " is not supported: " + e.getMessage());
        }
    }

    private static void adamLike(Map<UpdaterSetting, Double> s, double lr, double beta1, double beta2, double eps) {
        s.put(UpdaterSetting.LEARNING_RATE, lr);
        s.put(UpdaterSetting.BETA1, beta1);
        s.put(UpdaterSetting.BETA2, beta2);
        s.put(UpdaterSetting.EPSILON, eps);
    }

    /** DL4J's learning-rate schedule as an {@link LrSchedule}: step, exponential, inverse, poly, sigmoid and map. */
    static LrSchedule schedule(ISchedule s, String at) {
        try {
            if (s.getClass() == StepSchedule.class) {
                StepSchedule x = (StepSchedule) s;
                return LrSchedule.step(unit(x.getScheduleType()), x.getInitialValue(), x.getDecayRate(), x.getStep());
            }
            if (s.getClass() == ExponentialSchedule.class) {
                ExponentialSchedule x = (ExponentialSchedule) s;
                return LrSchedule.exponential(unit(x.getScheduleType()), x.getInitialValue(), x.getGamma());
            }
            if (s.getClass() == InverseSchedule.class) {
                InverseSchedule x = (InverseSchedule) s;
                return LrSchedule.inverse(unit(x.getScheduleType()), x.getInitialValue(), x.getGamma(), x.getPower());
            }
            if (s.getClass() == PolySchedule.class) {
                PolySchedule x = (PolySchedule) s;
                return LrSchedule.poly(unit(x.getScheduleType()), x.getInitialValue(), x.getPower(), x.getMaxIter());
            }
            if (s.getClass() == SigmoidSchedule.class) {
                SigmoidSchedule x = (SigmoidSchedule) s;
                return LrSchedule.sigmoid(unit(x.getScheduleType()), x.getInitialValue(), x.getGamma(), x.getStepSize());
            }
            if (s.getClass() == MapSchedule.class) {
                MapSchedule x = (MapSchedule) s;
                return LrSchedule.map(unit(x.getScheduleType()), new TreeMap<>(x.getValues()));
            }
        } catch (IllegalArgumentException e) {
            throw refused(at + "learning-rate schedule " + s + " is not supported: " + e.getMessage());
        }
        throw refused(at + "learning-rate schedule " + s.getClass().getSimpleName() + " is not supported; supported: "
                + "StepSchedule, ExponentialSchedule, InverseSchedule, PolySchedule, SigmoidSchedule, MapSchedule");
        // FixedSchedule never reaches here: DL4J's configs hold a fixed rate as a number, with a null schedule
    }

    private static LrSchedule.Unit unit(ScheduleType t) {
        return t == ScheduleType.EPOCH ? LrSchedule.Unit.EPOCH : LrSchedule.Unit.ITERATION;
    }

    private static LayerSpec layerSpec(BaseLayer l, boolean output, String at) {
        Activation a = activation(l.getActivationFn(), at);
        if (!output && !a.elementWise())
            throw refused(at + "activation " + a.id() + " is not supported; supported: " + Activation.validNames() + " (softmax only on the output layer)");
        Regularization r = regularization(l, at);
        long nOut = ((FeedForwardLayer) l).getNOut();
        double keep = l.getIDropout() == null ? 1.0 : ((Dropout) l.getIDropout()).getP();
        try {
            return new LayerSpec((int) nOut, a, r, keep, BatchNormSpec.NONE);
        } catch (IllegalArgumentException e) {
            throw refused(at + e.getMessage());
        }
    }

    /** The spec's activation for DL4J's, if its constants are DL4J's defaults. */
    static Activation activation(IActivation fn, String at) {
        Activation a = fn == null ? null : ACTIVATIONS.get(fn.getClass());
        if (a == null)
            throw refused(at + "activation " + fn + " is not supported; supported: " + Activation.validNames() + ", and softmax on the output layer");
        if (fn instanceof ActivationLReLU l && l.getAlpha() != ActivationLReLU.DEFAULT_ALPHA)
            throw refused(at + "activation " + fn + " is not supported; supported: leakyrelu with DL4J's default alpha " + ActivationLReLU.DEFAULT_ALPHA);
        if (fn instanceof ActivationELU e && e.getAlpha() != ActivationELU.DEFAULT_ALPHA)
            throw refused(at + "activation " + fn + " is not supported; supported: elu with DL4J's default alpha " + ActivationELU.DEFAULT_ALPHA);
        if (fn instanceof ActivationReLU r && (r.getMax() != null || r.getThreshold() != null || r.getNegativeSlope() != null))
            throw refused(at + "activation relu(max=" + r.getMax() + ", threshold=" + r.getThreshold() + ", negativeSlope=" + r.getNegativeSlope()
                    + ") is not supported; supported: relu without max, threshold or negativeSlope");
        return a;
    }

    /** The layer's two lists (W, b) as one {@link Regularization}. */
    private static Regularization regularization(BaseLayer l, String at) {
        double[] w = penalties(l.getRegularization(), "regularization", at);
        double[] b = penalties(l.getRegularizationBias(), "regularizationBias", at);
        // w[3], b[3]: applyLR of WeightDecay (1 = true, 0 = false, NaN = no WeightDecay)
        if (!Double.isNaN(w[3]) && !Double.isNaN(b[3]) && w[3] != b[3])
            throw refused(at + "WeightDecay applyLR " + (w[3] == 1) + " on W and " + (b[3] == 1) + " on b is not supported; supported: the same applyLR on W and b");
        boolean applyLR = Double.isNaN(w[3]) ? Double.isNaN(b[3]) || b[3] == 1 : w[3] == 1;
        try {
            return new Regularization(w[0], w[1], b[0], b[1], w[2], b[2], applyLR);
        } catch (IllegalArgumentException e) {
            throw refused(at + e.getMessage());
        }
    }

    /** {l1, l2, weightDecay, applyLR (1/0, NaN if no WeightDecay)} of one list; each kind at most once, each fixed. */
    private static double[] penalties(List<org.nd4j.linalg.learning.regularization.Regularization> list, String name, String at) {
        double[] p = {0, 0, 0, Double.NaN};
        boolean[] seen = new boolean[3];
        if (list == null) return p;
        for (org.nd4j.linalg.learning.regularization.Regularization r : list) {
            int slot;
            ISchedule coeff;
            if (r != null && r.getClass() == L1Regularization.class) {
                slot = 0;
                coeff = ((L1Regularization) r).getL1();
            } else if (r != null && r.getClass() == L2Regularization.class) {
                slot = 1;
                coeff = ((L2Regularization) r).getL2();
            } else if (r != null && r.getClass() == WeightDecay.class) {
                slot = 2;
                coeff = ((WeightDecay) r).getCoeff();
                p[3] = ((WeightDecay) r).isApplyLR() ? 1 : 0;
            } else {
                throw refused(at + name + " " + r + " is not supported; supported: L1Regularization, L2Regularization, WeightDecay");
            }
            if (seen[slot]) throw refused(at + name + " " + list + " is not supported; supported: " + ONCE_EACH);
            seen[slot] = true;
            if (coeff == null || coeff.getClass() != FixedSchedule.class)
                throw refused(at + name + " " + r + " is not supported; supported: a fixed coefficient (no schedule)");
            p[slot] = ((FixedSchedule) coeff).getValue();
        }
        return p;
    }

    private static Loss loss(ILossFunction fn, String at) {
        Loss loss = fn == null ? null : LOSSES.get(fn.getClass());
        if (loss == null)
            throw refused(at + "loss " + fn + " is not supported; supported: " + SUPPORTED_LOSSES);
        INDArray weights = switch (loss) {
            case MCXENT, NEGATIVELOGLIKELIHOOD -> ((LossMCXENT) fn).getWeights();
            case MSE -> ((LossMSE) fn).getWeights();
            case L1 -> ((LossL1) fn).getWeights();
            case XENT -> ((LossBinaryXENT) fn).getWeights();
        };
        if (weights != null)
            throw refused(at + "loss " + fn.getClass().getSimpleName() + " with weights " + weights.toString().replaceAll("\\s+", "")
                    + " is not supported; supported: no weights");
        return loss;
    }

    /** The clip of the losses that have one (MCXENT and NLL: softmaxClipEps; XENT: clipEps), else 0. */
    private static double clipEps(ILossFunction fn) {
        if (fn instanceof LossMCXENT m) return m.getSoftmaxClipEps();
        if (fn instanceof LossBinaryXENT x) return x.getClipEps();
        return 0;
    }

    private static ImportException refused(String message) {
        return new ImportException(ImportException.Kind.UNSUPPORTED, message);
    }
}
