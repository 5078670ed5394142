package nnparity.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;

/** Placeholder replaced by the gradient-check command. */
@Command(name = "gradcheck", description = "Numerical vs analytic gradients, DL4J's GradientCheckUtil, and hand-written vs DL4J.")
final class GradcheckCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UsageError("gradcheck is not built yet");
    }
}
