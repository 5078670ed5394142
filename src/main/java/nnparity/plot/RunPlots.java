package nnparity.plot;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.function.Function;

import nnparity.data.LabelledData;
import nnparity.parity.LockstepResult;
import nnparity.parity.Predictions;
import nnparity.parity.Tolerances;

/** A whole run's pictures, in the order a reader meets them. */
public final class RunPlots {
    /** The point the tutorial asks about, marked in the decision regions. */
    static final double[] TUTORIAL_POINT = {2, 2};

    private RunPlots() {
    }

    /**
     * A run on two-input points (quadrant, xor): loss.png, regions.png (when the net has two
     * inputs; (2,2) marked), activations.png.
     */
    public static List<Picture> quadrant(LockstepResult result, Tolerances tol, Function<List<double[]>, Predictions> predict,
                                         LabelledData training, List<String> classNames) {
        return quadrant(result, tol, predict, training, classNames, CompletableFuture.completedFuture(ActivationPlot.of()));
    }

    /** The same, with the activation functions drawn beforehand, e.g. by {@link #activationsInBackground()}. */
    public static List<Picture> quadrant(LockstepResult result, Tolerances tol, Function<List<double[]>, Predictions> predict,
                                         LabelledData training, List<String> classNames, Future<Picture> activations) {
        List<Picture> out = new ArrayList<>();
        out.add(LossPlot.of(result, tol));
        if (training.nFeatures() == 2 && result.outcome() != nnparity.parity.Outcome.DIVERGED)
            out.add(DecisionRegions.of(predict, training, classNames, TUTORIAL_POINT));
        out.add(join(activations));
        return out;
    }

    /**
     * Starts drawing {@code activations.png}, which depends on no run, on a daemon thread: called
     * when a run starts, it loads AWT, the fonts and XChart and warms their code while the run
     * trains (on the other core; the lockstep itself is single-threaded), so that the pictures drawn
     * at the end cost little (docs/plots.md has what {@code --plots} still adds: 20–30% of the
     * default quadrant run).
     */
    public static Future<Picture> activationsInBackground() {
        FutureTask<Picture> task = new FutureTask<>(ActivationPlot::of);
        Thread t = new Thread(task, "draw activations.png");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
        return task;
    }

    /** The picture a future draws; its failure rethrown as it was. */
    public static Picture join(Future<Picture> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while drawing activations.png", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        }
    }
}
