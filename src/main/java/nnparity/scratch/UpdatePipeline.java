package nnparity.scratch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import nnparity.spec.DenseParams;
import nnparity.spec.ParamSet;

/**
 * One training step's update of every parameter, in DL4J's order
 * ({@code BaseMultiLayerUpdater.update}, then {@code UpdaterBlock.update}, then the step
 * function), for any {@link GradientUpdater} rule. For each parameter θ with mean-loss gradient g
 * ({@link Parameter#grad}, already divided by the batch size when miniBatch is on, as DL4J's
 * {@code divideByMinibatch} leaves it) and {@link Penalty} (l1, l2, wd):
 *
 * <pre>
 *   g       ← normalize(g)                      per layer, before anything else ({@link GradientPreprocessor}; none by default)
 *   g'      = g + l2·θ + l1·sign(θ)             l1/l2 before the updater (sign(0) = 0)
 *   u       = rule(g', state, lr, iteration)    the updater, e.g. Adam
 *   u      += wd · lr_wd · θ                    weight decay after the updater; lr_wd = lr, or 1 for a rule
 *                                               without a learning rate (AdaDelta, NoOp); wd·θ when not ×lr
 *   θ      -= u
 * </pre>
 *
 * Every term uses θ from before the step. {@code lr = learningRate.at(iteration, epoch)}: the
 * iteration counts updates made so far (0 for the first, as DL4J's {@code iterationCount}), the
 * epoch counts {@link #endEpoch} calls (0 in the first epoch, as DL4J's {@code epochCount}, which
 * {@code fit(iterator)} raises after each pass).
 *
 * <p>The rule's state is kept per parameter, created at the first step (or the first
 * {@link #state} read) from {@link GradientUpdater#initialState}, and exposed canonically by
 * {@link #state}: one {@link ParamSet} per state variable, shaped like the parameters, keyed
 * e.g. {@code "Adam m"}, {@code "Adam v"}.
 */
public final class UpdatePipeline implements Optimizer {

    /** The learning rate of the update at a 0-based iteration in a 0-based epoch. */
    @FunctionalInterface
    public interface LearningRate {
        double at(int iteration, int epoch);
    }

    /**
     * What runs on the gradients before the updater: DL4J's gradient normalization
     * ({@code preApply}), given the parameters grouped by layer (W1, b1), (W2, b2), …; changes the
     * gradients in place.
     */
    @FunctionalInterface
    public interface GradientPreprocessor {
        GradientPreprocessor NONE = layers -> { };

        void apply(List<List<Parameter>> layers);
    }

    private final GradientUpdater rule;
    private final LearningRate learningRate;
    private final GradientPreprocessor preprocessor;
    private final Fault fault;
    private final String description;
    private final Map<String, double[][]> state = new LinkedHashMap<>();
    private final Map<String, double[]> buffers = new LinkedHashMap<>();
    private int iteration, epoch;

    /** {@code rule} at a fixed learning rate (ignored by a rule without one), no normalization. */
    public UpdatePipeline(GradientUpdater rule, double lr) {
        this(rule, (i, e) -> lr, describe(rule, String.valueOf(lr)), GradientPreprocessor.NONE, Fault.NONE);
    }

    /**
     * @param description  what {@link #toString} shows, e.g. {@code Adam(lr=0.001, beta1=0.9, beta2=0.999, epsilon=1.0E-8)}
     * @param preprocessor the gradient normalization, or {@link GradientPreprocessor#NONE}
     * @param fault        {@link Fault#L2_AFTER_UPDATER} moves l2 after the update: {@code θ −= u(g + l1·sign θ) + wd…},
     *                     then {@code θ −= l2·θ}; other faults change nothing here (the rules take their own)
     */
    public UpdatePipeline(GradientUpdater rule, LearningRate learningRate, String description, GradientPreprocessor preprocessor, Fault fault) {
        this.rule = rule;
        this.learningRate = learningRate;
        this.description = description;
        this.preprocessor = preprocessor;
        this.fault = fault;
    }

    @Override
    public void step(List<Parameter> parameters) {
        if (preprocessor != GradientPreprocessor.NONE) preprocessor.apply(byLayer(parameters));
        double lr = learningRate.at(iteration, epoch);
        double lrWd = rule.hasLearningRate() ? lr : 1.0;
        boolean l2After = fault == Fault.L2_AFTER_UPDATER;
        for (Parameter p : parameters) {
            double[] v = p.value().data, g = p.grad().data;
            double[][] s = stateOf(p);
            double[] u = buffers.computeIfAbsent(p.name(), k -> new double[v.length]);
            Penalty r = p.penalty();
            if (r.isNone()) {
                System.arraycopy(g, 0, u, 0, g.length);
                rule.apply(u, s, lr, iteration);
                for (int i = 0; i < v.length; i++) v[i] -= u[i];
                continue;
            }
            double l1 = r.l1(), l2 = l2After ? 0 : r.l2();
            for (int i = 0; i < v.length; i++) u[i] = g[i] + l2 * v[i] + l1 * Penalty.sign(v[i]);   // before the updater
            rule.apply(u, s, lr, iteration);
            double decay = r.weightDecayTimesLr() ? r.weightDecay() * lrWd : r.weightDecay();
            for (int i = 0; i < v.length; i++) v[i] = v[i] - (u[i] + decay * v[i]);                 // weight decay after, then θ −= u
            if (l2After) {
                double l2Late = r.l2();
                for (int i = 0; i < v.length; i++) v[i] -= l2Late * v[i];
            }
        }
        iteration++;
    }

    /** The end of a pass over the data: the epoch count goes up by one (DL4J's {@code incrementEpochCount()}). */
    public void endEpoch() {
        epoch++;
    }

    /**
     * Continues counting from {@code iteration} updates and {@code epoch} epochs, e.g. those a saved
     * DL4J model was trained for, which its schedules and Adam's bias correction go on from.
     */
    public void startAt(int iteration, int epoch) {
        if (iteration < 0 || epoch < 0) throw new IllegalArgumentException("iteration " + iteration + " and epoch " + epoch + " must be ≥ 0");
        this.iteration = iteration;
        this.epoch = epoch;
    }

    /** Updates made so far: the iteration of the next one. */
    public int iteration() {
        return iteration;
    }

    /** Epochs ended so far: the epoch of the next update. */
    public int epoch() {
        return epoch;
    }

    public GradientUpdater rule() {
        return rule;
    }

    /**
     * The rule's state for {@code parameters} (W1, b1, W2, b2, …: each dense layer's weights then
     * bias), canonical layout: for each state variable, in the rule's order, a {@link ParamSet}
     * shaped like the parameters, keyed {@code "<rule> <variable>"}, e.g. {@code "Adam v"}. Copies.
     * Empty for a rule without state (SGD, NoOp). Before the first step it is the initial state.
     */
    public Map<String, ParamSet> state(List<Parameter> parameters) {
        Map<String, ParamSet> out = new LinkedHashMap<>();
        List<String> names = rule.stateNames();
        for (int k = 0; k < names.size(); k++) {
            List<DenseParams> layers = new ArrayList<>();
            java.util.SortedMap<Integer, nnparity.spec.BatchNormParams> bn = new java.util.TreeMap<>();
            for (int j = 0; j + 1 < parameters.size(); j += 2) {
                Parameter w = parameters.get(j), b = parameters.get(j + 1);
                if (w.name().startsWith("gamma")) {   // a batch norm's γ, β (BatchNorm): no state for its running statistics
                    int n = w.value().data.length;
                    bn.put(Integer.parseInt(w.name().substring("gamma".length())), new nnparity.spec.BatchNormParams(n,
                            stateOf(w)[k].clone(), stateOf(b)[k].clone(), new double[n], new double[n]));
                    continue;
                }
                layers.add(new DenseParams(w.value().rows, w.value().cols, stateOf(w)[k].clone(), stateOf(b)[k].clone()));
            }
            out.put(rule.name() + " " + names.get(k), new ParamSet(layers, bn));
        }
        return out;
    }

    /**
     * Overwrites the rule's state with {@code s}, laid out as {@link #state} returns it, e.g. the
     * state a saved DL4J model was trained to, which its next update continues from.
     *
     * @throws IllegalArgumentException if {@code s} names other state variables than the rule's, or
     *                                  its arrays do not fit {@code parameters}; nothing is changed then
     */
    public void setState(Map<String, ParamSet> s, List<Parameter> parameters) {
        List<String> keys = rule.stateNames().stream().map(n -> rule.name() + " " + n).toList();
        if (!s.keySet().equals(new java.util.LinkedHashSet<>(keys)))
            throw new IllegalArgumentException("updater state " + s.keySet() + " does not fit " + rule.name() + ", whose state is " + keys);
        List<double[][]> sources = new ArrayList<>();   // per key: for each parameter in order, the array to copy
        for (String key : keys) sources.add(stateArrays(key, s.get(key), parameters));
        for (int k = 0; k < keys.size(); k++) {
            double[][] src = sources.get(k);
            for (int i = 0; i < parameters.size(); i++) System.arraycopy(src[i], 0, stateOf(parameters.get(i))[k], 0, src[i].length);
        }
    }

    /**
     * {@code p}'s array for each of {@code parameters}, in their order: a dense pair (W, b) takes the
     * next layer of {@code p}, a batch norm's (γ, β) its entry of {@code p.batchNorm()}.
     */
    private static double[][] stateArrays(String key, ParamSet p, List<Parameter> parameters) {
        long dense = parameters.stream().filter(q -> q.name().startsWith("W")).count();
        if (p.layers().size() != dense)
            throw new IllegalArgumentException(key + ": " + p.layers().size() + " layers of state do not fit " + dense + " dense layers");
        double[][] out = new double[parameters.size()][];
        int layer = 0;
        for (int i = 0; i < parameters.size(); i += 2) {   // pairs: (W, b) or (γ, β)
            Parameter w = parameters.get(i), b = parameters.get(i + 1);
            if (w.name().startsWith("gamma")) {
                int after = Integer.parseInt(w.name().substring("gamma".length()));
                nnparity.spec.BatchNormParams bn = p.batchNorm(after);
                if (bn == null || bn.n() != w.value().data.length)
                    throw new IllegalArgumentException(key + ": batch norm " + after + "'s state " + bn + " does not fit " + w);
                out[i] = bn.gamma();
                out[i + 1] = bn.beta();
                continue;
            }
            DenseParams d = p.layers().get(layer++);
            if (d.w().length != w.value().data.length || d.b().length != b.value().data.length)
                throw new IllegalArgumentException(key + ": layer " + layer + "'s state " + d + " does not fit " + w);
            out[i] = d.w();
            out[i + 1] = d.b();
        }
        return out;
    }

    private double[][] stateOf(Parameter p) {
        return state.computeIfAbsent(p.name(), k -> {
            int n = rule.stateNames().size(), len = p.value().data.length;
            double[][] s = new double[n][len];
            for (int j = 0; j < n; j++) java.util.Arrays.fill(s[j], rule.initialState(j));
            return s;
        });
    }

    /** Consecutive parameters whose names end in the same layer number, e.g. (W1, b1), (W2, b2). */
    static List<List<Parameter>> byLayer(List<Parameter> parameters) {
        List<List<Parameter>> layers = new ArrayList<>();
        String last = null;
        for (Parameter p : parameters) {
            String n = p.name().replaceAll("^\\D*", "");
            if (!n.equals(last)) layers.add(new ArrayList<>());
            layers.get(layers.size() - 1).add(p);
            last = n;
        }
        return layers;
    }

    /** E.g. {@code Adam(lr=0.001, beta1=0.9, beta2=0.999, epsilon=1.0E-8)}, {@code AdaDelta(rho=0.95, epsilon=1.0E-6)}. */
    static String describe(GradientUpdater rule, String lr) {
        String s = rule.settings();
        String l = rule.hasLearningRate() ? "lr=" + lr : "";
        return rule.name() + "(" + (l.isEmpty() ? s : s.isEmpty() ? l : l + ", " + s) + ")";
    }

    /** The description, e.g. {@code SGD(lr=0.1)}, and an injected update fault if any: {@code Adam(…), fault Adam without bias correction}. */
    @Override
    public String toString() {
        return description + (fault.changes() == Fault.Changes.UPDATE ? ", fault " + fault.label() : "");
    }
}
