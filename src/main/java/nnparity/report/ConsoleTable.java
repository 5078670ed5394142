package nnparity.report;

import java.io.PrintWriter;
import java.util.Locale;

import nnparity.parity.Lockstep;
import nnparity.parity.StepRecord;

/**
 * The step table printed while training runs: every {@code every} steps and the last one, with
 * both losses, |Δloss|, max |Δgrad| and max |Δparam| of that step.
 */
public final class ConsoleTable implements Lockstep.StepListener {
    private final PrintWriter out;
    private final long every;

    public ConsoleTable(PrintWriter out, long every) {
        this.out = out;
        this.every = every;
    }

    public void header() {
        out.printf(Locale.ROOT, "%8s %6s  %-22s %-22s %9s %10s %11s%n",
                "step", "epoch", "loss hand-written", "loss DL4J", "|Δloss|", "max|Δgrad|", "max|Δparam|");
    }

    @Override
    public void onStep(StepRecord r, long totalSteps) {
        if (r.step() % every == 0 || r.step() == totalSteps || r.step() == 1) row(r);
    }

    public void row(StepRecord r) {
        out.printf(Locale.ROOT, "%8d %6d  %-22.17g %-22.17g %9s %10s %11s%n", r.step(), r.epoch(),
                r.lossScratch(), r.lossDl4j(), Fmt.sci(r.absLossDiff()), Fmt.sci(r.maxGradDiff()), Fmt.sci(r.maxParamDiff()));
    }
}
