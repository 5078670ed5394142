package nnparity.report;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import nnparity.parity.Lockstep;
import nnparity.parity.LockstepResult;
import nnparity.parity.StepRecord;
import nnparity.text.Fmt;

/**
 * The step table printed while training runs: every {@code every} steps and the last one, with
 * both losses, |Δloss|, max |Δgrad| and max |Δparam| of that step.
 */
public final class ConsoleTable implements Lockstep.StepListener {
    private final PrintWriter out;
    private final long every;
    private long lastPrinted;
    private final List<StepRecord> printed = new ArrayList<>();

    public ConsoleTable(PrintWriter out, long every) {
        this.out = out;
        this.every = every;
    }

    /** The step interval the table prints at (besides step 1 and the last step). */
    public long every() {
        return every;
    }

    /** The rows printed so far, in order: what {@code --html} shows as the table of steps. */
    public List<StepRecord> printed() {
        return List.copyOf(printed);
    }

    public void header() {
        out.printf(Locale.ROOT, "%8s %6s  %-22s %-22s %9s %10s %11s%n",
                "step", "epoch", "loss hand-written", "loss DL4J", "|Δloss|", "max|Δgrad|", "max|Δparam|");
    }

    @Override
    public void onStep(StepRecord r, long totalSteps) {
        if (r.step() % every == 0 || r.step() == totalSteps || r.step() == 1) row(r);
    }

    /**
     * After training: prints the last step unless it was printed already, so a run that stopped
     * early (it diverged) shows the step where it stopped.
     */
    public void end(LockstepResult run) {
        StepRecord last = run.last();
        if (last != null && last.step() != lastPrinted) row(last);
    }

    public void row(StepRecord r) {
        lastPrinted = r.step();
        printed.add(r);
        out.printf(Locale.ROOT, "%8d %6d  %-22.17g %-22.17g %9s %10s %11s%n", r.step(), r.epoch(),
                r.lossScratch(), r.lossDl4j(), Fmt.sci(r.absLossDiff()), Fmt.sci(r.maxGradDiff()), Fmt.sci(r.maxParamDiff()));
    }
}
