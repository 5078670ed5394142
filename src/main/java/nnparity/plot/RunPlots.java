package nnparity.plot;

import java.util.ArrayList;
import java.util.List;
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
        List<Picture> out = new ArrayList<>();
        out.add(LossPlot.of(result, tol));
        if (training.nFeatures() == 2 && result.outcome() != nnparity.parity.Outcome.DIVERGED)
            out.add(DecisionRegions.of(predict, training, classNames, TUTORIAL_POINT));
        out.add(ActivationPlot.of());
        return out;
    }
}
