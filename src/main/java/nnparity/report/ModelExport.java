package nnparity.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import nnparity.dl4j.Dl4jNets;
import nnparity.dl4j.ParamBridge;
import nnparity.dl4j.UpdaterStateBridge;
import nnparity.parity.Dl4jSide;
import nnparity.parity.ScratchSide;
import nnparity.spec.BatchNormParams;
import nnparity.spec.DenseParams;
import nnparity.spec.NetSpec;
import nnparity.spec.ParamSet;

/**
 * {@code --save-model DIR}: both trained nets, each in the other's form, written whole or not at
 * all ({@link AtomicOutput#writeDir}):
 *
 * <pre>
 *   handwritten-net.zip      the hand-written net as a DL4J model: MultiLayerNetwork.load(file, true) opens it.
 *                            Built from the same spec by Dl4jNets, its parameters set from the hand-written
 *                            net (ParamBridge), its iteration and epoch counts and updater state (Adam's m and
 *                            v, …) too, then net.save(file, true), i.e. ModelSerializer with the updater.
 *   W1.npy b1.npy …          the DL4J net's trained parameters, canonical layout: W_k [nIn, nOut] row-major
 *                            (z = x·W + b), b_k [nOut], float64
 *   bn1_gamma.npy …          per batch norm after dense layer k: gamma, beta, running mean, running variance [n]
 *   state_Adam_m_W1.npy …    the DL4J net's updater state, one file per variable and parameter, shaped like it
 *   README.txt               each file named, and how to load it
 * </pre>
 *
 * The model file holds the hand-written net and the .npy files the DL4J net, so that each side can
 * be opened where the other lives: the hand-written net in DL4J, the DL4J net in numpy. After a run
 * that agreed they hold the same numbers, within the lockstep's tolerance.
 */
public final class ModelExport {
    /** The hand-written net's DL4J model file in the folder. */
    public static final String MODEL_FILE = "handwritten-net.zip";

    private ModelExport() {
    }

    /**
     * Writes the folder {@code dir}, which must be absent or empty.
     *
     * @param spec    the spec both nets were built from
     * @param scratch the trained hand-written net
     * @param dl4j    the trained DL4J net
     * @param what    one line for the README saying which run this is (task, data, steps)
     */
    public static void write(Path dir, NetSpec spec, ScratchSide scratch, Dl4jSide dl4j, String what) throws IOException {
        MultiLayerNetwork model = asDl4j(spec, scratch);
        ParamSet params = dl4j.params();
        Map<String, ParamSet> state = dl4j.updaterState();
        AtomicOutput.writeDir(dir, tmp -> {
            AtomicOutput.writeFile(tmp.resolve(MODEL_FILE), f -> model.save(f.toFile(), true));
            List<String> files = new ArrayList<>();
            writeParams(tmp, "", params, files);
            for (Map.Entry<String, ParamSet> e : state.entrySet())
                writeParams(tmp, "state_" + e.getKey().replace(' ', '_') + "_", e.getValue(), files);
            AtomicOutput.writeString(tmp.resolve("README.txt"), readme(spec, scratch, dl4j, what, files));
        });
    }

    /**
     * The hand-written net as a DL4J network: {@link Dl4jNets#network(NetSpec)} with the
     * hand-written parameters, iteration and epoch counts and updater state, so that DL4J's
     * {@code output} predicts what the hand-written net predicts and its next {@code fit}
     * continues the hand-written net's training (schedules and Adam's bias correction included).
     */
    public static MultiLayerNetwork asDl4j(NetSpec spec, ScratchSide scratch) {
        MultiLayerNetwork net = Dl4jNets.network(spec);
        ParamBridge.write(scratch.params(), net);
        net.setIterationCount(scratch.updater().iteration());
        net.setEpochCount(scratch.updater().epoch());
        UpdaterStateBridge.write(scratch.updaterState(), net);
        return net;
    }

    /** W1.npy, b1.npy, … and bn1_gamma.npy, … with {@code prefix}; their names appended to {@code files}. */
    private static void writeParams(Path dir, String prefix, ParamSet p, List<String> files) throws IOException {
        for (int k = 1; k <= p.layers().size(); k++) {
            DenseParams d = p.layer(k);
            npy(dir, files, prefix + "W" + k, d.w(), d.nIn(), d.nOut());
            npy(dir, files, prefix + "b" + k, d.b(), d.nOut());
            BatchNormParams bn = p.batchNorm().get(k);
            if (bn == null) continue;
            npy(dir, files, prefix + "bn" + k + "_gamma", bn.gamma(), bn.n());
            npy(dir, files, prefix + "bn" + k + "_beta", bn.beta(), bn.n());
            if (prefix.isEmpty()) {   // running statistics have no updater state
                npy(dir, files, prefix + "bn" + k + "_mean", bn.mean(), bn.n());
                npy(dir, files, prefix + "bn" + k + "_var", bn.var(), bn.n());
            }
        }
    }

    private static void npy(Path dir, List<String> files, String name, double[] values, int... shape) throws IOException {
        AtomicOutput.writeFile(dir.resolve(name + ".npy"), f -> Npy.writeDoubles(f, values, shape));
        StringBuilder s = new StringBuilder();
        for (int d : shape) s.append(s.length() == 0 ? "" : ", ").append(d);
        files.add(String.format(java.util.Locale.ROOT, "  %-24s [%s]", name + ".npy", s));
    }

    private static String readme(NetSpec spec, ScratchSide scratch, Dl4jSide dl4j, String what, List<String> files) {
        StringBuilder b = new StringBuilder();
        b.append("nn-parity --save-model: ").append(what).append('\n');
        b.append("spec: ").append(spec).append('\n');
        b.append("trained: ").append(scratch.updater().iteration()).append(" updates, ").append(scratch.updater().epoch())
                .append(" epochs (hand-written); DL4J ").append(dl4j.iterationCount()).append(" iterations, ").append(dl4j.epochCount()).append(" epochs\n\n");
        b.append(MODEL_FILE).append("\n");
        b.append("  The trained HAND-WRITTEN net as a DL4J model (ModelSerializer, with its updater state and iteration count).\n");
        b.append("  Java:   MultiLayerNetwork net = MultiLayerNetwork.load(new File(\"").append(MODEL_FILE).append("\"), true);\n");
        b.append("          INDArray p = net.output(x);   // x [batch, ").append(spec.nIn()).append("], DOUBLE\n");
        b.append("  Back into the lockstep, both sides starting from these parameters:\n");
        b.append("          Compare --model ").append(MODEL_FILE).append(" [--task ...]\n\n");
        b.append("The trained DL4J net's parameters, numpy .npy (float64, C order), the canonical layout:\n");
        b.append("  W_k is [nIn, nOut] so that z = x @ W_k + b_k; bn<k>_* belong to the batch norm after dense layer k\n");
        b.append("  (y = gamma * (z - mean) / sqrt(var + eps) + beta at inference); state_<Updater>_<variable>_* is\n");
        b.append("  the updater's state for that parameter (none for sgd).\n");
        for (String f : files) b.append(f).append('\n');
        b.append("\n  Python: import numpy as np; W1 = np.load(\"W1.npy\"); b1 = np.load(\"b1.npy\")\n");
        return b.toString();
    }
}
