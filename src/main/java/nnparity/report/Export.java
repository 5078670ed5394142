package nnparity.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import nnparity.data.BatchOrder;
import nnparity.data.LabelledData;
import nnparity.parity.LockstepResult;
import nnparity.parity.StepRecord;
import nnparity.spec.DenseParams;

/**
 * {@code --export DIR}: everything a third implementation needs to replay the run.
 *
 * <pre>
 *   W1.npy b1.npy W2.npy b2.npy   initial parameters, W as [nIn, nOut] (canonical, numpy's layout)
 *   x.npy                         training inputs [n, nIn], float64
 *   t.npy                         one-hot labels [n, nOut], float64
 *   batches.csv                   step,epoch,indices: the rows of x in each step's batch, in order
 *   losses.csv                    step,epoch,loss_handwritten,loss_dl4j
 *   README.txt                    how to load it in numpy
 * </pre>
 */
public final class Export {
    private Export() {
    }

    /**
     * Writes the export folder {@code dir} whole or not at all: it is built under a temporary
     * sibling name and renamed into place ({@link AtomicOutput#writeDir}), so {@code dir} must be
     * absent or an empty folder. The inputs are streamed row by row, never held as one array.
     */
    public static void write(Path dir, LockstepResult r, LabelledData data) throws IOException {
        AtomicOutput.writeDir(dir, tmp -> fill(tmp, r, data));
    }

    private static void fill(Path dir, LockstepResult r, LabelledData data) throws IOException {
        for (int k = 1; k <= 2; k++) {
            DenseParams p = r.initial().layer(k);
            AtomicOutput.writeFile(dir.resolve("W" + k + ".npy"), f -> Npy.writeDoubles(f, p.w(), p.nIn(), p.nOut()));
            AtomicOutput.writeFile(dir.resolve("b" + k + ".npy"), f -> Npy.writeDoubles(f, p.b(), p.nOut()));
        }
        int n = data.size(), nIn = data.nFeatures(), nOut = data.nClasses();
        AtomicOutput.writeFile(dir.resolve("x.npy"), f -> Npy.writeDoubleRows(f, n, nIn, (i, row) -> data.copyFeatures(i, row, 0)));
        AtomicOutput.writeFile(dir.resolve("t.npy"), f -> Npy.writeDoubleRows(f, n, nOut, (i, row) -> {
            java.util.Arrays.fill(row, 0);
            row[data.label(i)] = 1;
        }));

        BatchOrder order = new BatchOrder(n, r.train().batchSize(), r.train().shuffleSeed());
        AtomicOutput.writeFile(dir.resolve("batches.csv"), f -> {
            try (BufferedWriter w = Files.newBufferedWriter(f)) {
                w.write("step,epoch,indices\n");
                long step = 0;
                for (int e = 0; e < r.train().epochs() && step < r.steps().size(); e++) {
                    for (int[] batch : order.epoch(e)) {
                        if (++step > r.steps().size()) break;
                        StringBuilder sb = new StringBuilder().append(step).append(',').append(e + 1).append(',');
                        for (int i = 0; i < batch.length; i++) sb.append(i == 0 ? "" : " ").append(batch[i]);
                        w.write(sb.append('\n').toString());
                    }
                }
            }
        });
        AtomicOutput.writeFile(dir.resolve("losses.csv"), f -> {
            try (BufferedWriter w = Files.newBufferedWriter(f)) {
                w.write("step,epoch,loss_handwritten,loss_dl4j\n");
                for (StepRecord s : r.steps()) {
                    w.write(String.format(Locale.ROOT, "%d,%d,%s,%s%n", s.step(), s.epoch(), s.lossScratch(), s.lossDl4j()));
                }
            }
        });
        AtomicOutput.writeString(dir.resolve("README.txt"), readme(r));
    }

    /**
     * A note when the run used what the snippet leaves out (another updater, a schedule, gradient
     * normalization, dropout, batch norm), naming the hand-written class to read instead; else "".
     */
    static String beyondTheSnippet(nnparity.spec.NetSpec spec) {
        List<String> extra = new java.util.ArrayList<>();
        if (spec.updater().type() != nnparity.spec.Updater.SGD) extra.add("the updater " + spec.updater() + " (nnparity.scratch." + spec.updater().type().displayName().replace("RMSProp", "RmsProp").replace("AMSGrad", "AmsGrad") + ")");
        else if (spec.updater().schedule() != null) extra.add("the learning-rate schedule " + spec.updater().schedule() + " (nnparity.spec.LrSchedule)");
        if (!spec.gradNorm().isNone()) extra.add("gradient normalization " + spec.gradNorm() + " (nnparity.scratch.GradientNormalization)");
        if (spec.hasDropout()) extra.add("dropout, with the masks of nnparity.parity.DropoutMasks (nnparity.scratch.Dropout)");
        if (spec.hasBatchNorm()) extra.add("batch normalization (nnparity.scratch.BatchNorm)");
        return extra.isEmpty() ? "" : "\nThis run also used " + String.join("; ", extra) + ", which the snippet above leaves out.\n";
    }

    private static nnparity.spec.Activation hiddenActivation(nnparity.spec.NetSpec spec) {
        return spec.hidden().get(0).activation();
    }

    /**
     * The snippet's two numpy lines for the hidden layer's activation f: the forward
     * {@code h = f(z1)} and the derivative f'(z1) that multiplies the backpropagated gradient, with
     * DL4J's constants and kinks (see {@link nnparity.spec.Activation}). Step has no useful
     * derivative; its line says so and multiplies by 0, as backpropagation through it does.
     *
     * @return {forward statement, derivative expression}
     */
    static String[] numpyActivation(nnparity.spec.Activation f) {
        String sig = "1 / (1 + np.exp(-z1))";
        return switch (f) {
            case RELU -> new String[] {"h = np.maximum(z1, 0)                              # relu", "(z1 > 0)"};
            case LEAKYRELU -> new String[] {"h = np.where(z1 >= 0, z1, 0.01 * z1)               # leakyrelu",
                    "np.where(z1 >= 0, 1.0, float(np.float32(0.01)))"};
            case ELU -> new String[] {"h = np.where(z1 >= 0, z1, np.exp(z1) - 1)          # elu", "np.where(z1 >= 0, 1.0, np.exp(z1))"};
            case SELU -> new String[] {"lam, al = 1.0507009873554805, 1.6732632423543772; h = np.where(z1 > 0, lam * z1, lam * al * (np.exp(z1) - 1))  # selu",
                    "np.where(z1 > 0, lam, lam * al * np.exp(z1))"};
            case SOFTPLUS -> new String[] {"h = np.log(1 + np.exp(z1))                         # softplus", "(" + sig + ")"};
            case SOFTSIGN -> new String[] {"h = z1 / (1 + np.abs(z1))                          # softsign", "(1 / (1 + np.abs(z1)) ** 2)"};
            case SIGMOID -> new String[] {"h = " + sig + "                        # sigmoid", "(h * (1 - h))"};
            case HARDSIGMOID -> new String[] {"s = float(np.float32(0.2)); h = np.clip(s * z1 + 0.5, 0, 1)  # hardsigmoid",
                    "np.where(np.abs(z1) <= 2.5, s, 0.0)"};
            case TANH -> new String[] {"h = np.tanh(z1)                                    # tanh", "(1 - h ** 2)"};
            case HARDTANH -> new String[] {"h = np.clip(z1, -1, 1)                             # hardtanh", "(np.abs(z1) <= 1)"};
            case SWISH -> new String[] {"sg = " + sig + "; h = z1 * sg             # swish", "(sg + z1 * sg * (1 - sg))"};
            case CUBE -> new String[] {"h = z1 ** 3                                        # cube", "(3 * z1 ** 2)"};
            case IDENTITY -> new String[] {"h = z1                                             # identity", "1.0"};
            case STEP -> new String[] {"h = (z1 > 0).astype(float)                         # step: forward only", "0.0  # step'(z) = 0: nothing below it learns"};
            case SOFTMAX -> throw new IllegalArgumentException("softmax is an output activation, not a hidden layer's");
        };
    }

    private static String readme(LockstepResult r) {
        return """
                nn-parity export: %s
                spec:  %s
                train: %s

                Replay in numpy (the tutorial's network, plain gradient descent):

                    import numpy as np, csv
                    W1, b1, W2, b2 = (np.load(f) for f in ("W1.npy", "b1.npy", "W2.npy", "b2.npy"))
                    x, t = np.load("x.npy"), np.load("t.npy")
                    lr = %s
                    for row in csv.DictReader(open("batches.csv")):
                        idx = [int(i) for i in row["indices"].split()]
                        xb, tb = x[idx], t[idx]
                        z1 = xb @ W1 + b1; %s
                        z2 = h @ W2 + b2
                        p = np.exp(z2 - z2.max(1, keepdims=True)); p /= p.sum(1, keepdims=True)
                        loss = -np.mean(np.log(np.clip(p[tb == 1], %s, 1 - %s)))
                        dz2 = (p - tb) / len(idx)
                        dW2, db2 = h.T @ dz2, dz2.sum(0)
                        dz1 = (dz2 @ W2.T) * %s
                        dW1, db1 = xb.T @ dz1, dz1.sum(0)
                        W1 -= lr * dW1; b1 -= lr * db1; W2 -= lr * dW2; b2 -= lr * db2
                        # compare loss with losses.csv, row by row

                Arrays are float64, C order; W is [nIn, nOut] so that z = x @ W + b.
                %s""".formatted(r.task(), r.spec(), r.train(), r.spec().learningRate(),
                numpyActivation(hiddenActivation(r.spec()))[0], r.spec().lossClipEps(), r.spec().lossClipEps(),
                numpyActivation(hiddenActivation(r.spec()))[1], beyondTheSnippet(r.spec()));
    }
}
