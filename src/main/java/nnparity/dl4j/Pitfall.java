package nnparity.dl4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;

import nnparity.spec.Activation;
import nnparity.spec.DenseParams;
import nnparity.spec.Init;
import nnparity.spec.LayerSpec;
import nnparity.spec.NetSpec;
import nnparity.spec.ParamSet;
import nnparity.spec.Regularization;
import nnparity.spec.Updater;

/**
 * The known ways a "same" DL4J network silently differs from the one meant, each built into the
 * DL4J side on request ({@code Compare --pitfall NAME}) so that the harness can show where it
 * first shows and say why.
 *
 * <p>Each pitfall changes one of three things and leaves the rest as {@link Dl4jNets} and
 * {@link ParamBridge} do it right:
 * <ul>
 *   <li>{@link #configuration}: the DL4J network's configuration (FLOAT, SIGMOID, Sgd(1e-3),
 *       miniBatch(false), the keep probability, l2 against weight decay). Where the pitfall is a
 *       builder default, the value is read off a configuration built with that setting left out,
 *       so it is DL4J's own default, not a copy of it;</li>
 *   <li>{@link #write}: how the starting parameters get into the DL4J network (not at all, or as
 *       one raw row-major array);</li>
 *   <li>{@link #gradient}: how DL4J's {@code gradient()} is read (as a mean, not divided by N).</li>
 * </ul>
 * A pitfall that cannot show in a run (e.g. the keep probability without dropout) says so in
 * {@link #refusal}, and the run is refused rather than agreeing for the wrong reason.
 */
public enum Pitfall {
    FLOAT("float", "FLOAT instead of DOUBLE: .dataType(...) left out of the builder") {
        @Override
        public MultiLayerConfiguration configuration(NetSpec spec) {
            MultiLayerConfiguration conf = Dl4jNets.configuration(spec);
            DataType leftOut = leftOut().getDataType();
            conf.setDataType(leftOut);
            for (NeuralNetConfiguration c : conf.getConfs()) c.setDataType(leftOut);
            return conf;
        }

        @Override
        public String explanation(NetSpec spec, int batch) {
            return "What went wrong: DL4J's network holds and computes its numbers in " + leftOut().getDataType()
                    + ", the data type NeuralNetConfiguration.Builder uses when .dataType(...) is left out, while the hand-written net"
                    + " computes in double. Why: a float keeps about 7 significant digits, a double about 16. The copied starting"
                    + " weights are rounded as they are written in, so the nets differ before the first step, and every step adds"
                    + " rounding of about 1e-7 relative: no comparison at 1e-12 can pass, and the loss agrees to only about 7 digits."
                    + " Fix: .dataType(DataType.DOUBLE) on the builder, and Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE)"
                    + " for the arrays you create (Dl4jNets does both).";
        }
    },
    SIGMOID_DEFAULT("sigmoid-default", "the builder's SIGMOID default: hidden layers built without .activation(...)") {
        @Override
        public MultiLayerConfiguration configuration(NetSpec spec) {
            MultiLayerConfiguration conf = Dl4jNets.configuration(spec);
            for (NeuralNetConfiguration c : conf.getConfs()) {
                if (c.getLayer() instanceof DenseLayer d) d.setActivationFn(leftOutHidden().getActivationFn());
            }
            return conf;
        }

        @Override
        public String refusal(NetSpec spec, int batch) {
            if (spec.hidden().stream().allMatch(l -> l.activation() == Activation.SIGMOID))
                return "the hidden activation is sigmoid already, the default it would fall back to; use --activation relu (the default) or another";
            return null;
        }

        @Override
        public String explanation(NetSpec spec, int batch) {
            return "What went wrong: DL4J's hidden layers were built without .activation(...), so they compute "
                    + leftOutHidden().getActivationFn() + ", the activation NeuralNetConfiguration.Builder gives every layer that"
                    + " sets none, while the hand-written net applies " + hiddenActivations(spec) + ". Why: the builder's default"
                    + " is Activation.SIGMOID and nothing warns when a layer inherits it. The weights are the same, so the very"
                    + " first forward pass gives another loss. Fix: set .activation(...) on each layer ("
                    + "Activation." + spec.hidden().get(0).activation().id().toUpperCase(Locale.ROOT) + " for the first here), or once on"
                    + " NeuralNetConfiguration.Builder, and .activation(Activation.SOFTMAX) on the output layer.";
        }
    },
    XAVIER_DEFAULT("xavier-default", "XAVIER's weights instead of the copied ones: the starting parameters never written") {
        @Override
        public void write(ParamSet p, MultiLayerNetwork net) {
            // the pitfall: nothing is copied, the net keeps what init() drew
        }

        @Override
        public String refusal(NetSpec spec, int batch) {
            return spec.init() == Init.DL4J ? "with --init dl4j both sides already start from DL4J's own draw; use another --init (or none)" : null;
        }

        @Override
        public String explanation(NetSpec spec, int batch) {
            return "What went wrong: DL4J's network kept the weights it drew itself in init(), with "
                    + leftOutHidden().getWeightInitFn().getClass().getSimpleName()
                    + " (the builder's default weight init, XAVIER: Gaussian, std = sqrt(2/(nIn + nOut)), biases 0), instead of the starting"
                    + " weights the hand-written net got (init " + spec.init().id() + ", seed " + spec.seed() + "). Why: building"
                    + " \"the same\" network gives it the same shapes, not the same numbers; two nets that start apart are two"
                    + " different experiments from step 0, even if each trains correctly. Fix: after init(), copy the starting"
                    + " parameters in through the per-layer views (net.getParam(\"0_W\").assign(...), as ParamBridge.write does),"
                    + " or start both sides from DL4J's draw (--init dl4j).";
        }
    },
    SGD_DEFAULT("sgd-default", "Sgd(1e-3), the builder's default updater: .updater(...) left out") {
        @Override
        public MultiLayerConfiguration configuration(NetSpec spec) {
            MultiLayerConfiguration conf = Dl4jNets.configuration(spec);
            for (NeuralNetConfiguration c : conf.getConfs()) {
                if (c.getLayer() instanceof BaseLayer b) b.setIUpdater(defaultUpdater().clone());
            }
            return conf;
        }

        @Override
        public String refusal(NetSpec spec, int batch) {
            if (spec.updater().type() != Updater.SGD)
                return "it swaps the updater for DL4J's default Sgd, and " + spec.updater().type().id()
                        + " keeps a state Sgd has not; run it with --updater sgd (the default)";
            if (spec.updater().schedule() == null && spec.learningRate() == defaultUpdater().getLearningRate(0, 0))
                return "the learning rate is " + spec.learningRate() + " already, the default's; use another --lr (or none: 0.1)";
            return null;
        }

        @Override
        public String explanation(NetSpec spec, int batch) {
            return "What went wrong: DL4J's network trains with " + defaultUpdater().getClass().getSimpleName() + "("
                    + defaultUpdater().getLearningRate(0, 0) + "), the updater NeuralNetConfiguration.Builder uses"
                    + " when .updater(...) is left out, while the hand-written net uses " + spec.updater() + ". Why: the loss and the"
                    + " gradient do not depend on the updater, so both agree; the first update does, and there DL4J moves each weight "
                    + String.format(Locale.ROOT, "%.3g", spec.learningRate() / defaultUpdater().getLearningRate(0, 0))
                    + " times less. Such a net does not fail; it learns very slowly, which looks like a bad model rather than a bug."
                    + " Fix: .updater(new Sgd(" + spec.learningRate() + ")) on the builder (or the updater and learning rate you mean).";
        }
    },
    GRADIENT_AS_MEAN("gradient-as-mean", "gradient() read as the mean-loss gradient: it holds the batch sum") {
        @Override
        public ParamSet gradient(Gradient g, NetSpec spec, int batchSize) {
            return ParamBridge.gradient(g, spec, 1);
        }

        @Override
        public String refusal(NetSpec spec, int batch) {
            if (!spec.miniBatch()) return "with --no-minibatch DL4J steps along the summed gradient, which is then the right thing to read; drop --no-minibatch";
            if (batch == 1) return "with batches of 1 the sum is the mean; use --batch 2 or more";
            return null;
        }

        @Override
        public String explanation(NetSpec spec, int batch) {
            return "What went wrong: the harness read DL4J's gradient() after computeGradientAndScore() as the gradient of the mean"
                    + " loss, without dividing it by the batch size (N = " + batch + "). Why: gradient() holds the gradient of the loss"
                    + " summed over the batch; with miniBatch(true), the default, DL4J's updater divides it by N before applying the"
                    + " learning rate. The loss (score(), a mean) agrees and DL4J trains correctly: only the reading is N times too"
                    + " large, as in a hand-made gradient check or a gradient plotted next to numpy's. Fix: divide gradient() by the"
                    + " batch size before comparing it with a mean-loss gradient (ParamBridge.gradient does).";
        }
    },
    ROW_MAJOR("row-major", "a row-major copy into params(): W is column-major there") {
        @Override
        public void write(ParamSet p, MultiLayerNetwork net) {
            ParamBridge.write(p, net);
            net.setParams(Nd4j.create(rowMajorFlat(p, net)));
        }

        @Override
        public String explanation(NetSpec spec, int batch) {
            return "What went wrong: the starting weights were copied into DL4J's flat parameter vector as one row-major array,"
                    + " net.setParams(Nd4j.create(flat)) with W1, b1, W2, b2 each as numpy or Java lays them out. Why: inside"
                    + " params() DL4J stores each W [nIn, nOut] column-major ('f' order): W[i][j] sits at i + j·nIn, not at"
                    + " i·nOut + j. The lengths match, so nothing complains, but every weight matrix is scrambled (transposed, where"
                    + " nIn = nOut); only W[0][0] and the biases land where they belong. Fix: copy through the per-layer views,"
                    + " which carry their own order: net.getParam(\"0_W\").assign(Nd4j.create(w, new long[]{nIn, nOut}, 'c')),"
                    + " as ParamBridge.write does.";
        }
    },
    MINIBATCH_FALSE("minibatch-false", "miniBatch(false), as in DL4J's XOR example: sums over the batch, not means") {
        @Override
        public MultiLayerConfiguration configuration(NetSpec spec) {
            return Dl4jNets.configuration(spec.withMiniBatch(false));
        }

        @Override
        public String refusal(NetSpec spec, int batch) {
            if (!spec.miniBatch()) return "the run has --no-minibatch already, on both sides; drop it";
            if (batch == 1) return "with batches of 1 the sum is the mean; use --batch 2 or more";
            return null;
        }

        @Override
        public String explanation(NetSpec spec, int batch) {
            return "What went wrong: DL4J's network was built with .miniBatch(false), as DL4J's XOR example does, while the"
                    + " hand-written net averages over each batch. Why: miniBatch(false) drops the 1/N: score() is the loss summed"
                    + " over the batch (here N = " + batch + " times the mean) and the updater steps along the summed gradient, N times"
                    + " the step at the same learning rate. The XOR example gets away with it because its data is one batch of 4"
                    + " points and its learning rate was chosen with the sum. Fix: leave miniBatch at its default, true; if you"
                    + " do mean sums, divide the learning rate by the batch size.";
        }
    },
    DROPOUT_KEEP_PROB("dropout-keep-prob", "dropOut(p) given the drop probability: DL4J's p is the probability of keeping") {
        @Override
        public MultiLayerConfiguration configuration(NetSpec spec) {
            List<LayerSpec> h = new ArrayList<>();
            for (LayerSpec l : spec.hidden()) h.add(dropReadAsKeep(l));
            return Dl4jNets.configuration(spec.withHidden(h).withOutput(dropReadAsKeep(spec.output())));
        }

        @Override
        public String refusal(NetSpec spec, int batch) {
            if (!spec.hasDropout()) return "it needs dropout; add --keep-prob 0.8 (keep 80%, i.e. the book's dropout_ratio 0.2)";
            if (spec.layers().stream().allMatch(l -> !l.hasDropout() || l.keepProb() == 0.5))
                return "a keep probability of 0.5 reads the same either way; use another --keep-prob, e.g. 0.8";
            return null;
        }

        @Override
        public String explanation(NetSpec spec, int batch) {
            double p = spec.layers().stream().filter(LayerSpec::hasDropout).mapToDouble(LayerSpec::keepProb).findFirst().orElse(1);
            return String.format(Locale.ROOT, "What went wrong: DL4J's layers got dropOut(%s), the probability of dropping a unit,"
                    + " where dropOut takes the probability of keeping one (%s). Why: DL4J's dropOut(p) keeps each input unit"
                    + " with probability p and scales the kept ones by 1/p (inverted dropout), so dropOut(%s) meant as \"drop %s\""
                    + " keeps only %s and scales by %s instead of %s. The harness gives both nets the same 0/1 masks, so here it"
                    + " shows in the scaling, at the first forward pass; on its own, DL4J would also drop far more units and"
                    + " train a much weaker net. Fix: pass the keep probability, dropOut(%s) to drop %s (the book's dropout_ratio"
                    + " %s).", brief(1 - p), brief(p), brief(1 - p), pct(1 - p), pct(1 - p), brief(1 / (1 - p)), brief(1 / p),
                    brief(p), pct(1 - p), brief(1 - p));
        }
    },
    L2_WEIGHT_DECAY("l2-weight-decay", "weightDecay(x) where l2(x) was meant (and the other way): not the same with Adam & co.") {
        @Override
        public MultiLayerConfiguration configuration(NetSpec spec) {
            List<LayerSpec> h = new ArrayList<>();
            for (LayerSpec l : spec.hidden()) h.add(l.withRegularization(swapped(l.regularization())));
            return Dl4jNets.configuration(spec.withHidden(h).withOutput(spec.output().withRegularization(swapped(spec.output().regularization()))));
        }

        @Override
        public String refusal(NetSpec spec, int batch) {
            if (spec.layers().stream().map(LayerSpec::regularization).allMatch(r -> r.l2() == 0 && r.weightDecay() == 0 && r.l2Bias() == 0 && r.weightDecayBias() == 0))
                return "it needs l2 or weight decay and an updater that rescales the gradient; add e.g. --l2 0.01 --updater adam";
            Updater u = spec.updater().type();
            if (u == Updater.SGD || u == Updater.NOOP)
                return "with " + u.id() + " l2 and weight decay take the same step; add an updater that rescales the gradient, e.g. --updater adam";
            return null;
        }

        @Override
        public String explanation(NetSpec spec, int batch) {
            boolean l2 = spec.layers().stream().map(LayerSpec::regularization).anyMatch(r -> r.l2() != 0 || r.l2Bias() != 0);
            boolean wd = spec.layers().stream().map(LayerSpec::regularization).anyMatch(r -> r.weightDecay() != 0 || r.weightDecayBias() != 0);
            String what = (l2 ? "where the hand-written net has l2 (the book's weight decay: λ·W added to the gradient), DL4J's layers got"
                    + " .weightDecay(λ)" : "") + (l2 && wd ? ", and " : "")
                    + (wd ? "where the hand-written net has weight decay (lr·λ·W taken off after the update), DL4J's layers got .l2(λ)" : "");
            return "What went wrong: " + what + ". Why: DL4J's l2(λ) adds"
                    + " λ·W to the gradient before the updater, weightDecay(λ) subtracts lr·λ·W after it. With plain SGD both take"
                    + " the same step; " + spec.updater().type().displayName() + " rescales the gradient (Adam, for one, divides it by √v),"
                    + " and with it the l2 term but not the decay, so the first update differs. Both add ½·λ·ΣW² to the score, so"
                    + " the loss agrees. Fix: .l2(λ) for a penalty in the loss (the book's weight_decay_lambda), .weightDecay(λ)"
                    + " for decoupled weight decay (AdamW's); and set only one, since setting either on a builder clears the other.";
        }
    };

    private final String id;
    private final String summary;

    Pitfall(String id, String summary) {
        this.id = id;
        this.summary = summary;
    }

    /** As {@code --pitfall} names it, e.g. {@code row-major}. */
    public String id() {
        return id;
    }

    /** One line: what the pitfall is, e.g. {@code a row-major copy into params(): W is column-major there}. */
    public String summary() {
        return summary;
    }

    /** The pitfall with this {@link #id()}, or IllegalArgumentException naming it and the valid ones. */
    public static Pitfall fromId(String id) {
        for (Pitfall p : values()) if (p.id.equals(id)) return p;
        throw new IllegalArgumentException("pitfall " + id + " is unknown; valid: " + validNames());
    }

    /** {@code float | sigmoid-default | …}, in declaration order. */
    public static String validNames() {
        return Arrays.stream(values()).map(Pitfall::id).collect(Collectors.joining(" | "));
    }

    /** The DL4J configuration of {@code spec} with this pitfall in it (by default, {@link Dl4jNets#configuration(NetSpec)}). */
    public MultiLayerConfiguration configuration(NetSpec spec) {
        return Dl4jNets.configuration(spec);
    }

    /** Writes the starting parameters into DL4J's net with this pitfall (by default, {@link ParamBridge#write}). */
    public void write(ParamSet p, MultiLayerNetwork net) {
        ParamBridge.write(p, net);
    }

    /** Reads DL4J's gradient as the harness would with this pitfall (by default, {@link ParamBridge#gradient}: the sum / N). */
    public ParamSet gradient(Gradient g, NetSpec spec, int batchSize) {
        return ParamBridge.gradient(g, spec, batchSize);
    }

    /**
     * Why this pitfall cannot show in a run of {@code spec} with batches of {@code batch}, as the
     * end of a sentence naming the flags to change; null when it can.
     */
    public String refusal(NetSpec spec, int batch) {
        return null;
    }

    /** One paragraph: what went wrong, why, and the fix, for a run of {@code spec} with batches of {@code batch}. */
    public abstract String explanation(NetSpec spec, int batch);

    /**
     * DL4J's flat parameter vector with every dense layer's W replaced by the canonical row-major
     * array, raw, at W's place in {@code params()} (each layer's {@code W} then {@code b}, in
     * DL4J's order): what {@code setParams} of a hand-flattened vector does. Everything else (the
     * biases, a batch norm's) stays as {@code net} holds it.
     */
    static double[] rowMajorFlat(ParamSet p, MultiLayerNetwork net) {
        double[] flat = net.params().dup().data().asDouble();
        ParamBridge.Layout layout = ParamBridge.Layout.of(net);
        int offset = 0;
        int k = 0;
        for (var e : net.paramTable().entrySet()) {
            INDArray v = e.getValue();
            if (k < layout.dense().length && e.getKey().equals(layout.dense()[k] + "_W")) {
                DenseParams d = p.layers().get(k);
                System.arraycopy(d.w(), 0, flat, offset, d.w().length);
                k++;
            }
            offset += (int) v.length();
        }
        return flat;
    }

    private static LayerSpec dropReadAsKeep(LayerSpec l) {
        return l.hasDropout() ? l.withKeepProb(1 - l.keepProb()) : l;
    }

    /** l2 ↔ weight decay (applyLR, as {@code .weightDecay(x)} sets it), for weights and biases; l1 stays. */
    private static Regularization swapped(Regularization r) {
        return new Regularization(r.l1(), r.weightDecay(), r.l1Bias(), r.weightDecayBias(), r.l2(), r.l2Bias(), true);
    }

    private static String hiddenActivations(NetSpec spec) {
        return spec.hidden().stream().map(l -> l.activation().id()).distinct().collect(Collectors.joining(", "));
    }

    private static String brief(double v) {
        String s = String.format(Locale.ROOT, "%.4g", v);
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }

    private static String pct(double v) {
        return brief(100 * v) + "%";
    }

    /** A configuration built with nothing set: what DL4J's builders give for every setting left out. */
    static MultiLayerConfiguration leftOut() {
        return new NeuralNetConfiguration.Builder().list()
                .layer(new DenseLayer.Builder().nIn(2).nOut(2).build())
                .layer(new OutputLayer.Builder().nIn(2).nOut(2).build())
                .build();
    }

    /** The hidden layer of {@link #leftOut()}: its activation and weight init are the builder's defaults. */
    static BaseLayer leftOutHidden() {
        return (BaseLayer) leftOut().getConf(0).getLayer();
    }

    /** The updater of {@link #leftOut()}'s layers: the builder's default. */
    static IUpdater defaultUpdater() {
        return leftOutHidden().getIUpdater();
    }
}
