package nnparity.cli;

import java.nio.file.Path;
import java.util.Locale;

import nnparity.data.LabelledData;
import nnparity.dl4j.Dl4jImport;
import nnparity.parity.Dl4jSide;
import nnparity.parity.Lockstep;
import nnparity.parity.Tolerances;
import nnparity.spec.Init;
import nnparity.spec.NetSpec;
import nnparity.spec.TrainSpec;

/**
 * Which network a run compares: the task's built-in net shaped by the flags, or the user's own
 * DL4J network from {@code --config FILE} (a {@code MultiLayerConfiguration} as JSON or YAML) or
 * {@code --model FILE} (a saved {@code MultiLayerNetwork}), translated into a spec. A user's
 * network fixes the layers, loss, penalties and learning rate, so the flags that would change
 * them are refused beside it rather than silently ignored.
 *
 * @param spec   what both sides build
 * @param dl4j   the user's DL4J network, or null to build the twin from {@code spec}
 * @param source e.g. {@code --model net.zip (a saved MultiLayerNetwork, its own parameters)}, or null for the built-in net
 */
record NetChoice(NetSpec spec, Dl4jSide dl4j, String source) {

    /** The net for a task whose built-in spec is {@code taskDefault}, from the flags. */
    static NetChoice of(CompareCommand o, NetSpec taskDefault) {
        if (o.config != null && o.model != null)
            throw new UsageError("--config " + o.config + " and --model " + o.model + " are alternatives; give one");
        Path file = o.config != null ? o.config : o.model;
        if (file == null) return new NetChoice(o.netSpec(taskDefault), null, null);
        String flag = o.config != null ? "--config" : "--model";
        String clash = o.net.layerFlag();
        if (clash != null)
            throw new UsageError(clash + " cannot be combined with " + flag + ": the " + (o.config != null ? "configuration" : "model")
                    + " fixes the layers, loss, penalties and learning rate; change them in " + file);
        if (o.model != null && o.net.init != null)
            throw new UsageError("--init " + o.net.init.id() + " cannot be combined with --model: both sides start from the model's own parameters");
        Dl4jImport.ImportedNet imported = o.config != null ? Dl4jImport.configuration(file) : Dl4jImport.model(file);
        NetSpec spec = imported.spec();
        if (o.net.seed != null) spec = spec.withSeed(o.net.seed);
        if (o.net.init != null) spec = spec.withInit(o.net.init);
        String what = o.config != null
                ? "a DL4J MultiLayerConfiguration; " + (spec.init() == Init.DL4J ? "both sides start from the weights DL4J draws for it" : "weights drawn by hand, init " + spec.init().id())
                : "a saved MultiLayerNetwork; both sides start from its own parameters";
        return new NetChoice(spec, new Dl4jSide(imported.network()), flag + " " + file + " (" + what + ")");
    }

    /** The files the flags make this run read ({@code --config}, {@code --model}), which no output may replace. */
    static java.util.List<Path> inputFiles(CompareCommand o) {
        java.util.List<Path> in = new java.util.ArrayList<>();
        if (o.config != null) in.add(o.config);
        if (o.model != null) in.add(o.model);
        return in;
    }

    /** Refuses a user's net whose input or output size does not fit the task's data. */
    void requireFits(LabelledData data, String task, String hint) {
        if (source == null) return;
        if (spec.nIn() != data.nFeatures() || spec.nOut() != data.nClasses())
            throw new UsageError(String.format(Locale.ROOT,
                    "%s takes %d inputs and gives %d outputs, but the %s task has %d features and %d classes%s",
                    source.substring(0, source.indexOf(" (")), spec.nIn(), spec.nOut(), task, data.nFeatures(), data.nClasses(), hint));
    }

    /**
     * The lockstep of {@code net}: this choice's spec, or for the built-in net that spec fitted to
     * the data (e.g. a digits net's input layer sized to images other than 28×28).
     */
    Lockstep lockstep(NetSpec net, TrainSpec train, LabelledData data, Tolerances tol) {
        return dl4j == null ? new Lockstep(net, train, data, tol) : new Lockstep(net, train, data, tol, dl4j);
    }
}
