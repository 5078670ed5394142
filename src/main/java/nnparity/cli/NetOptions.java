package nnparity.cli;

import nnparity.spec.Activation;
import nnparity.spec.Init;
import nnparity.spec.NetSpec;
import picocli.CommandLine.Option;

/**
 * The flags that describe the network, shared by {@code Compare} and {@code Compare gradcheck}
 * (a picocli mixin). A flag left out keeps the task's default.
 */
final class NetOptions {

    @Option(names = "--hidden", paramLabel = "N", converter = Converters.Size.class, description = "Hidden units (default 50).")
    Integer hidden;

    @Option(names = "--activation", paramLabel = "NAME", converter = Converters.ActivationConverter.class,
            description = "Hidden activation: relu (default) | sigmoid | tanh | identity | step (step: forward only, --epochs 0).")
    Activation activation;

    @Option(names = "--lr", paramLabel = "X", converter = Converters.LearningRate.class, description = "SGD learning rate (default 0.1).")
    Double lr;

    @Option(names = "--seed", paramLabel = "N", converter = Converters.Seed.class, description = "Seeds the initial parameters, random points and batch order (default 42).")
    Long seed;

    @Option(names = "--init", paramLabel = "normal|xavier|dl4j", converter = Converters.InitConverter.class,
            description = "Initial parameters: normal = 0.01·N(0,1) (default), xavier = N(0, 2/(nIn+nOut)), dl4j = DL4J's own, copied across.")
    Init init;

    /** {@code defaults} with every given flag applied; a bad value fails naming its flag. */
    NetSpec apply(NetSpec defaults) {
        NetSpec s = defaults;
        if (hidden != null) {
            s = s.withSizes(s.nIn(), hidden, s.nOut());
        }
        if (activation != null) s = s.withActivation(activation);
        if (lr != null) {
            s = s.withLearningRate(lr);
        }
        if (init != null) s = s.withInit(init);
        if (seed != null) s = s.withSeed(seed);
        return s;
    }
}
