package nnparity.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.deeplearning4j.nn.api.OptimizationAlgorithm;
import org.deeplearning4j.nn.conf.BackpropType;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.constraint.MaxNormConstraint;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.conf.stepfunctions.NegativeGradientStepFunction;
import org.deeplearning4j.nn.conf.weightnoise.DropConnect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationELU;
import org.nd4j.linalg.activations.impl.ActivationGELU;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.Regularization.ApplyStep;
import org.nd4j.linalg.learning.regularization.WeightDecay;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;
import org.nd4j.linalg.lossfunctions.impl.LossL1;
import org.nd4j.linalg.lossfunctions.impl.LossL2;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;
import org.nd4j.linalg.lossfunctions.impl.LossNegativeLogLikelihood;
import org.nd4j.linalg.lossfunctions.impl.LossSparseMCXENT;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

import nnparity.spec.Activation;
import nnparity.spec.Init;
import nnparity.spec.LayerSpec;
import nnparity.spec.Loss;
import nnparity.spec.NetSpec;
import nnparity.spec.Regularization;
import nnparity.spec.Updater;
import nnparity.spec.UpdaterSetting;
import nnparity.spec.UpdaterSpec;

/**
 * A user's configuration read back as a spec: every setting the spec cannot mirror is refused
 * with its own one-line message (one configuration per refusal, each otherwise supported), and
 * every supported setting survives spec → DL4J configuration → JSON or YAML file → spec.
 */
class ConfigTranslatorTest {

    // ---------------------------------------------------------------- a supported base to change one thing in

    private static NeuralNetConfiguration.Builder global() {
        return new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.DOUBLE).updater(new Sgd(0.1));
    }

    /** 2 → 3 relu. */
    private static DenseLayer.Builder dense() {
        return new DenseLayer.Builder().nIn(2).nOut(3).activation(org.nd4j.linalg.activations.Activation.RELU);
    }

    /** {@code c} with layer {@code k}'s nIn and nOut set to {@code n} after building (DL4J's builder would size a batch norm itself). */
    private static MultiLayerConfiguration resized(MultiLayerConfiguration c, int k, int n) {
        BatchNormalization b = (BatchNormalization) c.getConf(k).getLayer();
        b.setNIn(n);
        b.setNOut(n);
        return c;
    }

    /** Batch norm over 3 units, identity. */
    private static BatchNormalization.Builder bn() {
        return new BatchNormalization.Builder().nIn(3).nOut(3).activation(org.nd4j.linalg.activations.Activation.IDENTITY);
    }

    /** 3 → 2 softmax, MCXENT. */
    private static OutputLayer.Builder output() {
        return new OutputLayer.Builder(new LossMCXENT()).nIn(3).nOut(2).activation(org.nd4j.linalg.activations.Activation.SOFTMAX);
    }

    private static MultiLayerConfiguration conf(NeuralNetConfiguration.Builder g, Layer... layers) {
        NeuralNetConfiguration.ListBuilder list = g.list();
        for (Layer l : layers) list.layer(l);
        return list.build();
    }

    /** The base net with {@code hidden} as its hidden layer. */
    private static MultiLayerConfiguration withHidden(Layer hidden) {
        return conf(global(), hidden, output().build());
    }

    /** The base net with {@code out} as its output layer. */
    private static MultiLayerConfiguration withOutput(Layer out) {
        return conf(global(), dense().build(), out);
    }

    /** The base net, changed after DL4J built it (for settings its builders never produce). */
    private static MultiLayerConfiguration changed(Consumer<MultiLayerConfiguration> change) {
        MultiLayerConfiguration c = withHidden(dense().build());
        change.accept(c);
        return c;
    }

    private static BaseLayer layer(MultiLayerConfiguration c, int k) {
        return (BaseLayer) c.getConf(k).getLayer();
    }

    private static DenseLayer withActivation(IActivation a) {
        return dense().activation(a).build();
    }

    private static DenseLayer withRegularization(List<org.nd4j.linalg.learning.regularization.Regularization> w,
                                                 List<org.nd4j.linalg.learning.regularization.Regularization> b) {
        DenseLayer.Builder d = dense();
        d.regularization(new ArrayList<>(w));
        d.regularizationBias(new ArrayList<>(b));
        return d.build();
    }

    private static OutputLayer withLoss(ILossFunction loss, org.nd4j.linalg.activations.Activation a) {
        return new OutputLayer.Builder(loss).nIn(3).nOut(2).activation(a).build();
    }

    /** A penalty DL4J does not have: the translation knows only L1Regularization, L2Regularization and WeightDecay. */
    static final class CustomPenalty implements org.nd4j.linalg.learning.regularization.Regularization {
        @Override public ApplyStep applyStep() { return ApplyStep.BEFORE_UPDATER; }
        @Override public void apply(INDArray param, INDArray gradView, double lr, int iteration, int epoch) { }
        @Override public double score(INDArray param, int iteration, int epoch) { return 0; }
        @Override public CustomPenalty clone() { return new CustomPenalty(); }
        @Override public String toString() { return "CustomPenalty"; }
    }

    private static final ExponentialSchedule DECAYING = new ExponentialSchedule(ScheduleType.ITERATION, 0.1, 0.99);

    // ---------------------------------------------------------------- one configuration per refusal

    static Stream<Arguments> unsupported() {
        String hiddenActs = "relu | leakyrelu | elu | selu | softplus | softsign | sigmoid | hardsigmoid | tanh | hardtanh | swish | cube | identity | step";
        return Stream.of(
                refusal("no layers", () -> changed(c -> c.setConfs(List.of())),
                        "network: 0 layers is not supported; supported: DenseLayer hidden layers, then an OutputLayer"),
                refusal("FLOAT", () -> conf(global().dataType(DataType.FLOAT), dense().build(), output().build()),
                        "network: data type FLOAT is not supported; supported: DOUBLE (build it with new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE))"),
                refusal("TBPTT", () -> changed(c -> c.setBackpropType(BackpropType.TruncatedBPTT)),
                        "network: backprop type TruncatedBPTT is not supported; supported: Standard"),
                refusal("input preprocessor", () -> changed(c -> c.getInputPreProcessors().put(1, new CnnToFeedForwardPreProcessor(1, 3, 1))),
                        "layer 1 (OutputLayer): input preprocessor CnnToFeedForwardPreProcessor(inputHeight=1, inputWidth=3, numChannels=1, format=NCHW)"
                                + " is not supported; supported: none"),
                refusal("batch norm first", () -> conf(global(), new BatchNormalization.Builder().nIn(2).nOut(2).build(), dense().build(), output().build()),
                        "layer 0 (BatchNormalization): layer type BatchNormalization is not supported; supported: DenseLayer (hidden layers, each may be followed by one BatchNormalization), OutputLayer (last layer)"),
                refusal("two batch norms in a row", () -> conf(global(), dense().build(), bn().build(), bn().build(), output().build()),
                        "layer 2 (BatchNormalization): layer type BatchNormalization is not supported; supported: DenseLayer (hidden layers, each may be followed by one BatchNormalization), OutputLayer (last layer)"),
                refusal("batch norm with locked gamma and beta", () -> conf(global(), dense().build(), bn().lockGammaBeta(true).build(), output().build()),
                        "layer 1 (BatchNormalization): lockGammaBeta true is not supported; supported: gamma and beta learned (lockGammaBeta false)"),
                refusal("batch norm with an activation DL4J ignores", () -> conf(global(), dense().build(),
                                bn().activation(org.nd4j.linalg.activations.Activation.RELU).build(), output().build()),
                        "layer 1 (BatchNormalization): activation relu is not supported: DL4J 1.0.0-M2.1's BatchNormalization never applies it;"
                                + " supported: identity (put the activation on the dense layer, or on a layer of its own)"),
                refusal("batch norm of another size", () -> resized(conf(global(), dense().build(), bn().build(), output().build()), 1, 4),
                        "layer 1 (BatchNormalization): nIn 4, nOut 4 is not supported; supported: nIn = nOut = 3, the dense layer's size before it"),
                refusal("batch norm with gradient normalization", () -> conf(global().gradientNormalization(GradientNormalization.ClipElementWiseAbsoluteValue),
                                dense().build(), bn().build(), output().build()),
                        "network: gradient normalization clip-element-wise-absolute-value(threshold=1.0) with batch normalization is not supported:"
                                + " DL4J normalizes each batch-norm layer's gradient view, which also holds its running statistics' updates, so it would"
                                + " rescale those too; use one or the other"),
                refusal("output layer before the last", () -> conf(global(), output().nIn(2).nOut(3).build(), output().build()),
                        "layer 0 (OutputLayer): layer type OutputLayer is not supported; supported: DenseLayer (hidden layers, each may be followed by one BatchNormalization), OutputLayer (last layer)"),
                refusal("dense last", () -> conf(global(), dense().build(), dense().nIn(3).nOut(2).build()),
                        "layer 1 (DenseLayer): layer type DenseLayer as the last layer is not supported; supported: OutputLayer as the last layer"),
                refusal("loss layer last", () -> conf(global(), dense().build(), new LossLayer.Builder(new LossMCXENT()).activation(org.nd4j.linalg.activations.Activation.SOFTMAX).build()),
                        "layer 1 (LossLayer): layer type LossLayer as the last layer is not supported; supported: OutputLayer as the last layer"),
                refusal("no layer object", () -> changed(c -> c.getConf(0).setLayer(null)),
                        "layer 0 (no layer): layer type none is not supported; supported: DenseLayer (hidden layers, each may be followed by one BatchNormalization), OutputLayer (last layer)"),
                refusal("gelu", () -> withHidden(withActivation(new ActivationGELU())),
                        "layer 0 (DenseLayer): activation gelu(precise=false) is not supported; supported: " + hiddenActs + ", and softmax on the output layer"),
                refusal("no activation", () -> changed(c -> layer(c, 0).setActivationFn(null)),
                        "layer 0 (DenseLayer): activation null is not supported; supported: " + hiddenActs + ", and softmax on the output layer"),
                refusal("leakyrelu alpha 0.2", () -> withHidden(withActivation(new ActivationLReLU(0.2))),
                        "layer 0 (DenseLayer): activation leakyrelu(a=0.2) is not supported; supported: leakyrelu with DL4J's default alpha 0.01"),
                refusal("elu alpha 0.5", () -> withHidden(withActivation(new ActivationELU(0.5))),
                        "layer 0 (DenseLayer): activation elu(alpha=0.5) is not supported; supported: elu with DL4J's default alpha 1.0"),
                refusal("relu6", () -> withHidden(withActivation(new ActivationReLU(6.0, null, null))),
                        "layer 0 (DenseLayer): activation relu(max=6.0, threshold=null, negativeSlope=null) is not supported; supported: relu without max, threshold or negativeSlope"),
                refusal("relu threshold", () -> withHidden(withActivation(new ActivationReLU(null, 0.5, null))),
                        "layer 0 (DenseLayer): activation relu(max=null, threshold=0.5, negativeSlope=null) is not supported; supported: relu without max, threshold or negativeSlope"),
                refusal("relu negative slope", () -> withHidden(withActivation(new ActivationReLU(null, null, 0.1))),
                        "layer 0 (DenseLayer): activation relu(max=null, threshold=null, negativeSlope=0.1) is not supported; supported: relu without max, threshold or negativeSlope"),
                refusal("hidden softmax", () -> withHidden(withActivation(new ActivationSoftmax())),
                        "layer 0 (DenseLayer): activation softmax is not supported; supported: " + hiddenActs + " (softmax only on the output layer)"),
                refusal("LossL2", () -> withOutput(withLoss(new LossL2(), org.nd4j.linalg.activations.Activation.IDENTITY)),
                        "layer 1 (OutputLayer): loss LossL2() is not supported; supported: LossMCXENT, LossNegativeLogLikelihood, LossMSE, LossL1, LossBinaryXENT"),
                refusal("LossSparseMCXENT, a subclass of LossMCXENT", () -> withOutput(withLoss(new LossSparseMCXENT(), org.nd4j.linalg.activations.Activation.SOFTMAX)),
                        "layer 1 (OutputLayer): loss LossSparseMCXENT() is not supported; supported: LossMCXENT, LossNegativeLogLikelihood, LossMSE, LossL1, LossBinaryXENT"),
                refusal("no loss", () -> changed(c -> ((OutputLayer) layer(c, 1)).setLossFn(null)),
                        "layer 1 (OutputLayer): loss null is not supported; supported: LossMCXENT, LossNegativeLogLikelihood, LossMSE, LossL1, LossBinaryXENT"),
                refusal("class weights", () -> withOutput(withLoss(new LossMCXENT(Nd4j.create(new double[]{1, 2})), org.nd4j.linalg.activations.Activation.SOFTMAX)),
                        "layer 1 (OutputLayer): loss LossMCXENT with weights [1.0000,2.0000] is not supported; supported: no weights"),
                refusal("MSE weights", () -> withOutput(withLoss(new LossMSE(Nd4j.create(new double[]{1, 3})), org.nd4j.linalg.activations.Activation.IDENTITY)),
                        "layer 1 (OutputLayer): loss LossMSE with weights [1.0000,3.0000] is not supported; supported: no weights"),
                refusal("L1 weights", () -> withOutput(withLoss(new LossL1(Nd4j.create(new double[]{2, 1})), org.nd4j.linalg.activations.Activation.IDENTITY)),
                        "layer 1 (OutputLayer): loss LossL1 with weights [2.0000,1.0000] is not supported; supported: no weights"),
                refusal("XENT weights", () -> withOutput(withLoss(new LossBinaryXENT(Nd4j.create(new double[]{1, 4})), org.nd4j.linalg.activations.Activation.SIGMOID)),
                        "layer 1 (OutputLayer): loss LossBinaryXENT with weights [1.0000,4.0000] is not supported; supported: no weights"),
                refusal("NLL weights", () -> withOutput(withLoss(new LossNegativeLogLikelihood(Nd4j.create(new double[]{1, 5})), org.nd4j.linalg.activations.Activation.SOFTMAX)),
                        "layer 1 (OutputLayer): loss LossNegativeLogLikelihood with weights [1.0000,5.0000] is not supported; supported: no weights"),
                refusal("sigmoid with MCXENT", () -> changed(c -> layer(c, 1).setActivationFn(new ActivationSigmoid())),
                        "layer 1 (OutputLayer): activation sigmoid with LossMCXENT is not supported; supported: softmax with LossMCXENT"),
                refusal("scheduled dropout", () -> withHidden(dense().dropOut(new org.deeplearning4j.nn.conf.dropout.Dropout(DECAYING)).build()),
                        "layer 0 (DenseLayer): dropout Dropout(pSchedule=ExponentialSchedule(scheduleType=ITERATION, initialValue=0.1, gamma=0.99))"
                                + " is not supported; supported: Dropout(p) with a fixed retain probability p, or none"),
                refusal("Gaussian dropout", () -> withHidden(dense().dropOut(new org.deeplearning4j.nn.conf.dropout.GaussianDropout(0.5)).build()),
                        "layer 0 (DenseLayer): dropout GaussianDropout(rate=0.5, rateSchedule=null, noise=null) is not supported;"
                                + " supported: Dropout(p) with a fixed retain probability p, or none"),
                refusal("weight noise", () -> withHidden(dense().weightNoise(new DropConnect(0.9)).build()),
                        "layer 0 (DenseLayer): weight noise DropConnect(weightRetainProb=0.9, weightRetainProbSchedule=null, applyToBiases=false)"
                                + " is not supported; supported: no weight noise"),
                refusal("constraints", () -> withHidden(dense().constrainWeights(new MaxNormConstraint(2.0, 1)).build()),
                        "layer 0 (DenseLayer): constraints [MaxNormConstraint(maxNorm=2.0)] is not supported; supported: no constraints"),
                refusal("gradient clipping on one layer only", () -> withHidden(dense().gradientNormalization(GradientNormalization.ClipL2PerLayer).build()),
                        "layer 1 (OutputLayer): gradient normalization none is not supported; supported: the same on every layer"
                                + " (layer 0 has clip-l2-per-layer(threshold=1.0))"),
                refusal("AdaBelief", () -> conf(global().updater(new org.nd4j.linalg.learning.config.AdaBelief(1e-3)), dense().build(), output().build()),
                        "layer 0 (DenseLayer): updater AdaBelief is not supported; supported: Sgd, Nesterovs, Adam, AdaMax, Nadam, AMSGrad, AdaGrad,"
                                + " RmsProp, AdaDelta, NoOp"),
                refusal("Nesterovs with a momentum schedule", () -> conf(global().updater(new Nesterovs(0.1, DECAYING)), dense().build(), output().build()),
                        "layer 0 (DenseLayer): updater Nesterovs with a momentum schedule is not supported; supported: a fixed momentum"),
                refusal("no updater", () -> changed(c -> layer(c, 0).setIUpdater(null)),
                        "layer 0 (DenseLayer): updater none is not supported; supported: Sgd, Nesterovs, Adam, AdaMax, Nadam, AMSGrad, AdaGrad,"
                                + " RmsProp, AdaDelta, NoOp"),
                refusal("cyclic learning-rate schedule", () -> conf(global().updater(new Sgd(new org.nd4j.linalg.schedule.CycleSchedule(ScheduleType.ITERATION, 0.01, 0.1, 100, 10, 0.1))),
                                dense().build(), output().build()),
                        "layer 0 (DenseLayer): learning-rate schedule CycleSchedule is not supported; supported: StepSchedule, ExponentialSchedule,"
                                + " InverseSchedule, PolySchedule, SigmoidSchedule, MapSchedule"),
                refusal("AdaGrad with a schedule, which DL4J's clone drops", () -> conf(global().updater(new org.nd4j.linalg.learning.config.AdaGrad(DECAYING)),
                                dense().build(), output().build()),
                        "layer 0 (DenseLayer): updater AdaGrad(learningRate=NaN, learningRateSchedule=null, epsilon=1.0E-6) is not supported: its learning rate is NaN,"
                                + " as DL4J 1.0.0-M2.1 leaves an AdaGrad built with a schedule (AdaGrad.clone() drops the schedule);"
                                + " supported: AdaGrad with a fixed learning rate"),
                refusal("per-layer learning rates", () -> withOutput(output().updater(new Sgd(0.05)).build()),
                        "layer 1 (OutputLayer): updater SGD(lr=0.05) is not supported; supported: the same updater on every layer (layer 0 has SGD(lr=0.1))"),
                refusal("bias updater", () -> withHidden(dense().biasUpdater(new Sgd(0.01)).build()),
                        "layer 0 (DenseLayer): bias updater Sgd(learningRate=0.01, learningRateSchedule=null) is not supported;"
                                + " supported: none (the layer's Sgd(learningRate=0.1, learningRateSchedule=null) for b too)"),
                refusal("no bias", () -> withHidden(dense().hasBias(false).build()),
                        "layer 0 (DenseLayer): hasBias false is not supported; supported: hasBias true"),
                refusal("no output bias", () -> withOutput(output().hasBias(false).build()),
                        "layer 1 (OutputLayer): hasBias false is not supported; supported: hasBias true"),
                refusal("layer norm", () -> withHidden(dense().hasLayerNorm(true).build()),
                        "layer 0 (DenseLayer): hasLayerNorm true is not supported; supported: hasLayerNorm false"),
                refusal("nIn unset", () -> withHidden(new DenseLayer.Builder().nOut(3).activation(org.nd4j.linalg.activations.Activation.RELU).build()),
                        "layer 0 (DenseLayer): nIn 0 is not supported; supported: nIn ≥ 1 (set .nIn(…) on the first layer)"),
                refusal("nIn chain broken (DL4J's builder mends it; a file may not)", () -> changed(c -> ((FeedForwardLayer) layer(c, 1)).setNIn(4)),
                        "layer 1 (OutputLayer): nIn 4 is not supported; supported: nIn = nOut of layer 0 (3)"),
                refusal("LBFGS", () -> conf(global().optimizationAlgo(OptimizationAlgorithm.LBFGS), dense().build(), output().build()),
                        "layer 0 (DenseLayer): optimization algorithm LBFGS is not supported; supported: STOCHASTIC_GRADIENT_DESCENT"),
                refusal("maximize", () -> conf(global().minimize(false), dense().build(), output().build()),
                        "layer 0 (DenseLayer): minimize false is not supported; supported: minimize true"),
                refusal("step function", () -> conf(global().stepFunction(new NegativeGradientStepFunction()), dense().build(), output().build()),
                        "layer 0 (DenseLayer): step function NegativeGradientStepFunction is not supported; supported: none (SGD's own step)"),
                refusal("miniBatch on one layer only", () -> changed(c -> c.getConf(1).setMiniBatch(false)),
                        "layer 1 (OutputLayer): miniBatch false is not supported; supported: the same miniBatch on every layer (layer 0 has true)"),
                refusal("global weight decay, listed twice by DL4J", () -> conf(global().weightDecay(5e-4), dense().build(), output().build()),
                        "layer 0 (DenseLayer): regularization [WeightDecay(coeff=FixedSchedule(value=5.0E-4), applyLR=true), WeightDecay(coeff=FixedSchedule(value=5.0E-4), applyLR=true)]"
                                + " is not supported; supported: " + ConfigTranslator.ONCE_EACH),
                refusal("bias penalty twice", () -> withHidden(withRegularization(List.of(), List.of(new L2Regularization(0.1), new L2Regularization(0.2)))),
                        "layer 0 (DenseLayer): regularizationBias [L2Regularization(l2=FixedSchedule(value=0.1)), L2Regularization(l2=FixedSchedule(value=0.2))]"
                                + " is not supported; supported: " + ConfigTranslator.ONCE_EACH),
                refusal("scheduled l2", () -> withHidden(withRegularization(List.of(new L2Regularization(DECAYING)), List.of())),
                        "layer 0 (DenseLayer): regularization L2Regularization(l2=ExponentialSchedule(scheduleType=ITERATION, initialValue=0.1, gamma=0.99))"
                                + " is not supported; supported: a fixed coefficient (no schedule)"),
                refusal("scheduled weight decay", () -> withHidden(withRegularization(List.of(new WeightDecay(DECAYING, true)), List.of())),
                        "layer 0 (DenseLayer): regularization WeightDecay(coeff=ExponentialSchedule(scheduleType=ITERATION, initialValue=0.1, gamma=0.99), applyLR=true)"
                                + " is not supported; supported: a fixed coefficient (no schedule)"),
                refusal("scheduled l1", () -> withHidden(withRegularization(List.of(), List.of(new org.nd4j.linalg.learning.regularization.L1Regularization(DECAYING)))),
                        "layer 0 (DenseLayer): regularizationBias L1Regularization(l1=ExponentialSchedule(scheduleType=ITERATION, initialValue=0.1, gamma=0.99))"
                                + " is not supported; supported: a fixed coefficient (no schedule)"),
                refusal("a penalty of another kind", () -> withHidden(withRegularization(List.of(new CustomPenalty()), List.of())),
                        "layer 0 (DenseLayer): regularization CustomPenalty is not supported; supported: L1Regularization, L2Regularization, WeightDecay"),
                refusal("a null penalty", () -> withHidden(withRegularization(Arrays.asList((org.nd4j.linalg.learning.regularization.Regularization) null), List.of())),
                        "layer 0 (DenseLayer): regularization null is not supported; supported: L1Regularization, L2Regularization, WeightDecay"),
                refusal("weight decay applyLR differs on W and b", () -> withHidden(withRegularization(List.of(new WeightDecay(0.1, true)), List.of(new WeightDecay(0.1, false)))),
                        "layer 0 (DenseLayer): WeightDecay applyLR true on W and false on b is not supported; supported: the same applyLR on W and b"),
                refusal("negative l2", () -> withHidden(withRegularization(List.of(new L2Regularization(-0.1)), List.of())),
                        "layer 0 (DenseLayer): l2 -0.1 is invalid; it must be a finite number ≥ 0 (0 = off)"),
                refusal("no units", () -> withHidden(dense().nOut(0).build()),
                        "layer 0 (DenseLayer): layer size 0 is invalid; it must be ≥ 1"),
                refusal("softmax over one class (DL4J's builder refuses it; a file may not)", () -> changed(c -> ((FeedForwardLayer) layer(c, 1)).setNOut(1)),
                        "network: output size 1 is invalid; a softmax classifier needs ≥ 2 classes"),
                refusal("clip 0.5", () -> withOutput(withLoss(new LossMCXENT(0.5, null), org.nd4j.linalg.activations.Activation.SOFTMAX)),
                        "network: loss clip 0.5 is invalid; it must be in [0, 0.5)"),
                refusal("learning rate 0", () -> conf(global().updater(new Sgd(0)), dense().build(), output().build()),
                        "layer 0 (DenseLayer): updater Sgd(learningRate=0.0, learningRateSchedule=null) is not supported:"
                                + " learning rate 0.0 is invalid; it must be a finite number > 0"));
    }

    private static Arguments refusal(String name, Supplier<MultiLayerConfiguration> conf, String message) {
        return Arguments.of(name, conf, message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unsupported")
    void eachUnsupportedSettingIsRefusedWithOneLineNamingLayerSettingValueAndWhatIsSupported(String name, Supplier<MultiLayerConfiguration> conf, String message) {
        MultiLayerConfiguration c = conf.get();
        ImportException e = assertThrows(ImportException.class, () -> ConfigTranslator.toSpec(c));
        assertEquals(message, e.getMessage());
        assertEquals(ImportException.Kind.UNSUPPORTED, e.kind());
        assertFalse(e.getMessage().contains("\n"), "one line");
    }

    // ---------------------------------------------------------------- what is supported survives the round trip

    private static final Regularization EVERY_PENALTY = new Regularization(1e-3, 2e-3, 3e-4, 4e-4, 5e-4, 6e-4, false);

    static Stream<Arguments> supported() {
        List<LayerSpec> everyHiddenActivation = new ArrayList<>();
        int n = 3;
        for (Activation a : Activation.values())
            if (a.elementWise()) everyHiddenActivation.add(new LayerSpec(n++, a));
        return Stream.of(
                spec("the tutorial's quadrant net, init dl4j", NetSpec.quadrant().withInit(Init.DL4J)),
                spec("every hidden activation, one layer each (step included)",
                        new NetSpec(2, everyHiddenActivation, new LayerSpec(4, Activation.SOFTMAX), Loss.MCXENT, 1e-7, 0.25, Init.DL4J, 11, true)),
                spec("no hidden layer", new NetSpec(5, List.of(), new LayerSpec(3, Activation.SOFTMAX), Loss.MCXENT, 0, 0.5, Init.DL4J, -4, true)),
                spec("NLL without clip", new NetSpec(4, List.of(new LayerSpec(6, Activation.TANH)), new LayerSpec(3, Activation.SOFTMAX),
                        Loss.NEGATIVELOGLIKELIHOOD, 0, 0.1, Init.DL4J, 5, true)),
                spec("NLL with DL4J's clip", NetSpec.quadrant().withInit(Init.DL4J).withLoss(Loss.NEGATIVELOGLIKELIHOOD)),
                spec("MSE after identity", NetSpec.quadrant().withInit(Init.DL4J).withLoss(Loss.MSE)),
                spec("MSE after tanh", NetSpec.quadrant().withInit(Init.DL4J).withLoss(Loss.MSE).withOutput(new LayerSpec(4, Activation.TANH))),
                spec("L1 after sigmoid", NetSpec.quadrant().withInit(Init.DL4J).withLoss(Loss.L1).withOutput(new LayerSpec(4, Activation.SIGMOID))),
                spec("XENT with its default clip", NetSpec.quadrant().withInit(Init.DL4J).withLoss(Loss.XENT)),
                spec("XENT with clip 1e-3", NetSpec.quadrant().withInit(Init.DL4J).withLoss(Loss.XENT).withLossClipEps(1e-3)),
                spec("XENT without clip", NetSpec.quadrant().withInit(Init.DL4J).withLoss(Loss.XENT).withLossClipEps(0)),
                spec("every penalty on every layer, decay not ×lr", NetSpec.quadrant().withInit(Init.DL4J).withSizes(2, List.of(5, 4), 3).withRegularization(EVERY_PENALTY)),
                spec("other penalties per layer", new NetSpec(3, List.of(
                        new LayerSpec(4, Activation.RELU, Regularization.NONE.withL2(1e-4)),
                        new LayerSpec(5, Activation.ELU, Regularization.NONE.withL1(2e-4).withWeightDecayBias(1e-5))),
                        new LayerSpec(2, Activation.SOFTMAX, Regularization.NONE.withWeightDecay(7e-4)), Loss.MCXENT, 1e-10, 0.05, Init.DL4J, 99, true)),
                spec("weight decay on W only, not ×lr", NetSpec.quadrant().withInit(Init.DL4J)
                        .withRegularization(Regularization.NONE.withWeightDecay(0.125).withWeightDecayTimesLr(false))),
                spec("bias-only penalties", NetSpec.quadrant().withInit(Init.DL4J).withRegularization(Regularization.NONE.withL1Bias(0.5).withL2Bias(0.25))),
                spec("miniBatch off", NetSpec.quadrant().withInit(Init.DL4J).withMiniBatch(false).withLearningRate(0.003).withSeed(Long.MAX_VALUE)),
                spec("Nesterovs at its defaults", withUpdater(UpdaterSpec.defaults(Updater.NESTEROVS))),
                spec("Nesterovs, momentum 0.5", withUpdater(UpdaterSpec.defaults(Updater.NESTEROVS).with(UpdaterSetting.MOMENTUM, 0.5))),
                spec("Adam at its defaults", withUpdater(UpdaterSpec.defaults(Updater.ADAM))),
                spec("Adam, every setting changed", withUpdater(new UpdaterSpec(Updater.ADAM, java.util.Map.of(UpdaterSetting.LEARNING_RATE, 0.02,
                        UpdaterSetting.BETA1, 0.8, UpdaterSetting.BETA2, 0.99, UpdaterSetting.EPSILON, 1e-6), null))),
                spec("AdaMax", withUpdater(UpdaterSpec.defaults(Updater.ADAMAX).with(UpdaterSetting.BETA2, 0.95))),
                spec("Nadam", withUpdater(UpdaterSpec.defaults(Updater.NADAM).with(UpdaterSetting.BETA1, 0.7))),
                spec("AMSGrad", withUpdater(UpdaterSpec.defaults(Updater.AMSGRAD).with(UpdaterSetting.EPSILON, 1e-7))),
                spec("AdaGrad", withUpdater(UpdaterSpec.defaults(Updater.ADAGRAD).with(UpdaterSetting.LEARNING_RATE, 0.3))),
                spec("RMSProp", withUpdater(UpdaterSpec.defaults(Updater.RMSPROP).with(UpdaterSetting.RMS_DECAY, 0.9))),
                spec("AdaDelta", withUpdater(UpdaterSpec.defaults(Updater.ADADELTA).with(UpdaterSetting.RHO, 0.5))),
                spec("NoOp", withUpdater(UpdaterSpec.defaults(Updater.NOOP))),
                spec("a step schedule by iteration", withUpdater(UpdaterSpec.sgd(0.1).withSchedule(nnparity.spec.LrSchedule.step(nnparity.spec.LrSchedule.Unit.ITERATION, 0.1, 0.5, 100)))),
                spec("an exponential schedule by epoch", withUpdater(UpdaterSpec.defaults(Updater.ADAM).withSchedule(nnparity.spec.LrSchedule.exponential(nnparity.spec.LrSchedule.Unit.EPOCH, 0.01, 0.9)))),
                spec("an inverse schedule", withUpdater(UpdaterSpec.defaults(Updater.NESTEROVS).withSchedule(nnparity.spec.LrSchedule.inverse(nnparity.spec.LrSchedule.Unit.ITERATION, 0.1, 0.01, 0.75)))),
                spec("a poly schedule", withUpdater(UpdaterSpec.defaults(Updater.RMSPROP).withSchedule(nnparity.spec.LrSchedule.poly(nnparity.spec.LrSchedule.Unit.ITERATION, 0.05, -2, 500)))),
                spec("a sigmoid schedule", withUpdater(UpdaterSpec.defaults(Updater.NADAM).withSchedule(nnparity.spec.LrSchedule.sigmoid(nnparity.spec.LrSchedule.Unit.EPOCH, 0.1, -0.5, 10)))),
                spec("a map schedule", withUpdater(UpdaterSpec.sgd(0.2).withSchedule(nnparity.spec.LrSchedule.map(nnparity.spec.LrSchedule.Unit.ITERATION,
                        new java.util.TreeMap<>(java.util.Map.of(0, 0.2, 300, 0.02)))))),
                spec("clip-element-wise gradient normalization", NetSpec.quadrant().withInit(Init.DL4J).withGradNorm(new nnparity.spec.GradNorm(nnparity.spec.GradNorm.Mode.CLIP_ELEMENT_WISE_ABSOLUTE_VALUE, 0.25))),
                spec("renormalize per param type", NetSpec.quadrant().withInit(Init.DL4J).withGradNorm(new nnparity.spec.GradNorm(nnparity.spec.GradNorm.Mode.RENORMALIZE_L2_PER_PARAM_TYPE, 0))),
                spec("batch norm after each hidden layer", NetSpec.quadrant().withInit(Init.DL4J).withSizes(2, List.of(6, 5), 4)
                        .withBatchNorm(nnparity.spec.BatchNormSpec.DL4J_DEFAULT)),
                spec("batch norm after one layer, other eps and decay, with Adam and dropout", NetSpec.quadrant().withInit(Init.DL4J)
                        .withHidden(List.of(new LayerSpec(6, Activation.TANH).withBatchNorm(new nnparity.spec.BatchNormSpec(1e-3, 0.5)), new LayerSpec(5, Activation.RELU)))
                        .withKeepProb(0.8).withUpdater(UpdaterSpec.defaults(Updater.ADAM))),
                spec("dropout after each hidden layer", NetSpec.quadrant().withInit(Init.DL4J).withSizes(2, List.of(6, 5), 4).withKeepProb(0.75)),
                spec("dropout on the data and one layer", NetSpec.quadrant().withInit(Init.DL4J).withHidden(List.of(new LayerSpec(6, Activation.RELU).withKeepProb(0.9)))));
    }

    private static NetSpec withUpdater(UpdaterSpec u) {
        return NetSpec.quadrant().withInit(Init.DL4J).withUpdater(u);
    }

    private static Arguments spec(String name, NetSpec spec) {
        return Arguments.of(name, spec);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("supported")
    void aSupportedSpecSurvivesDl4jsJsonFileAndComesBackEqual(String name, NetSpec spec, @TempDir Path dir) throws IOException {
        Path file = dir.resolve("conf.json");
        Files.writeString(file, Dl4jNets.configuration(spec).toJson());
        assertEquals(spec, ConfigTranslator.toSpec(Dl4jImport.readConfiguration(file)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("supported")
    void aSupportedSpecSurvivesDl4jsYamlFileAndComesBackEqual(String name, NetSpec spec, @TempDir Path dir) throws IOException {
        Path file = dir.resolve("conf.yaml");
        Files.writeString(file, Dl4jNets.configuration(spec).toYaml());
        assertEquals(spec, ConfigTranslator.toSpec(Dl4jImport.readConfiguration(file)));
    }

    @Test
    void theConfigurationsOwnWeightInitBecomesInitDl4j() {
        MultiLayerConfiguration c = conf(global().weightInit(org.deeplearning4j.nn.weights.WeightInit.RELU_UNIFORM), dense().build(), output().build());
        NetSpec spec = ConfigTranslator.toSpec(c);
        assertEquals(Init.DL4J, spec.init());
        assertEquals(new NetSpec(2, List.of(new LayerSpec(3, Activation.RELU)), new LayerSpec(2, Activation.SOFTMAX), Loss.MCXENT, 1e-10, 0.1,
                Init.DL4J, 3, true), spec);
    }

    @Test
    void aBiasUpdaterEqualToTheLayersUpdaterIsTheSameTraining() {
        MultiLayerConfiguration c = withHidden(dense().biasUpdater(new Sgd(0.1)).build());
        assertEquals(0.1, ConfigTranslator.toSpec(c).learningRate());
    }

    @Test
    void weightDecayOnlyOnTheBiasKeepsItsApplyLr() {
        MultiLayerConfiguration c = withHidden(withRegularization(List.of(), List.of(new WeightDecay(0.25, false))));
        Regularization r = ConfigTranslator.toSpec(c).hidden().get(0).regularization();
        assertEquals(Regularization.NONE.withWeightDecayBias(0.25).withWeightDecayTimesLr(false), r);
    }

    @Test
    void missingPenaltyListsMeanNoPenalties() {
        // a hand-written file may leave "regularization" out; DL4J then reads null
        MultiLayerConfiguration c = withHidden(dense().build());
        layer(c, 0).setRegularization(null);
        layer(c, 0).setRegularizationBias(null);
        assertEquals(Regularization.NONE, ConfigTranslator.toSpec(c).hidden().get(0).regularization());
    }

    @Test
    void networkWideL1AndL2ReachEveryLayerOnce() {
        MultiLayerConfiguration c = conf(global().l1(1e-3).l2(2e-3).l2Bias(3e-3), dense().build(), output().build());
        Regularization expected = Regularization.NONE.withL1(1e-3).withL2(2e-3).withL2Bias(3e-3);
        NetSpec spec = ConfigTranslator.toSpec(c);
        assertEquals(expected, spec.hidden().get(0).regularization());
        assertEquals(expected, spec.output().regularization());
    }
}
