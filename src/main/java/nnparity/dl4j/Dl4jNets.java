package nnparity.dl4j;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

import java.util.List;

import nnparity.spec.LayerSpec;
import nnparity.spec.NetSpec;

/**
 * Builds the DL4J twin of a {@link NetSpec}:
 *
 * <pre>
 *   DenseLayer(nIn → nHidden, activation)          h = act(x·W1 + b1)
 *   OutputLayer(nHidden → nOut, SOFTMAX, MCXENT)   p = softmax(h·W2 + b2), L = CE
 *   Sgd(lr), DataType.DOUBLE, WeightInit.XAVIER, seed
 * </pre>
 *
 * Every setting that differs from DL4J's builder defaults is set on purpose: the data type
 * (default FLOAT), the hidden activation (default SIGMOID), the updater (default Sgd(1e-3)) and
 * the loss's softmax clip, which comes from the spec so both sides report the same loss.
 */
public final class Dl4jNets {
    private Dl4jNets() {
    }

    /** The configuration for {@code spec}, trained by SGD. */
    public static MultiLayerConfiguration configuration(NetSpec spec) {
        return configuration(spec, new Sgd(spec.learningRate()));
    }

    /**
     * The configuration for {@code spec} with another updater, e.g. {@code NoOp} or
     * {@code Sgd(1.0)} for DL4J's {@code GradientCheckUtil}, which requires one of those.
     */
    public static MultiLayerConfiguration configuration(NetSpec spec, IUpdater updater) {
        useDoublePrecision();
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .seed(spec.seed())
                .dataType(DataType.DOUBLE)
                .updater(updater)
                .weightInit(WeightInit.XAVIER)
                .miniBatch(spec.miniBatch())
                .list();
        List<LayerSpec> layers = spec.layers();
        for (int k = 0; k < spec.hidden().size(); k++) {
            LayerSpec l = layers.get(k);
            list.layer(new DenseLayer.Builder().nIn(spec.nIn(k)).nOut(l.nOut()).activation(activation(l.activation())).build());
        }
        int out = layers.size() - 1;
        list.layer(new OutputLayer.Builder(lossFunction(spec)).nIn(spec.nIn(out)).nOut(spec.nOut())
                .activation(activation(spec.output().activation())).build());
        return list.build();
    }

    /** DL4J's loss function object for the spec's loss, with the spec's clip. */
    public static ILossFunction lossFunction(NetSpec spec) {
        return switch (spec.loss()) {
            case MCXENT -> new LossMCXENT(spec.lossClipEps(), null);
            default -> throw new IllegalArgumentException("loss " + spec.loss().id() + " is not built for DL4J yet");
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

    /** The DL4J activation for a spec activation; step has none built in, so it gets {@link StepActivation}. */
    public static IActivation activation(nnparity.spec.Activation a) {
        return switch (a) {
            case RELU -> Activation.RELU.getActivationFunction();
            case SIGMOID -> Activation.SIGMOID.getActivationFunction();
            case TANH -> Activation.TANH.getActivationFunction();
            case IDENTITY -> Activation.IDENTITY.getActivationFunction();
            case STEP -> new StepActivation();
            case SOFTMAX -> Activation.SOFTMAX.getActivationFunction();
            default -> throw new IllegalArgumentException("activation " + a.id() + " is not built for DL4J yet");
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
