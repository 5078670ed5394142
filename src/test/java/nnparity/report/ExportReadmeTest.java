package nnparity.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import nnparity.spec.BatchNormSpec;
import nnparity.spec.GradNorm;
import nnparity.spec.NetSpec;
import nnparity.spec.Updater;
import nnparity.spec.UpdaterSpec;

/** The export's numpy snippet replays plain SGD; a run that used more says so and where to read it. */
class ExportReadmeTest {

    @Test
    void theTutorialsRunNeedsNoNote() {
        assertEquals("", Export.beyondTheSnippet(NetSpec.quadrant()));
    }

    @Test
    void eachChapterSixSettingIsNamedWithTheClassThatComputesIt() {
        NetSpec s = NetSpec.quadrant().withUpdater(UpdaterSpec.defaults(Updater.RMSPROP)).withKeepProb(0.5).withBatchNorm(BatchNormSpec.DL4J_DEFAULT);
        assertEquals("\nThis run also used the updater RMSProp(lr=0.1, epsilon=1.0E-8, rmsDecay=0.95) (nnparity.scratch.RmsProp);"
                + " dropout, with the masks of nnparity.parity.DropoutMasks (nnparity.scratch.Dropout); batch normalization"
                + " (nnparity.scratch.BatchNorm), which the snippet above leaves out.\n", Export.beyondTheSnippet(s));
        assertEquals("\nThis run also used gradient normalization clip-element-wise-absolute-value(threshold=0.5)"
                        + " (nnparity.scratch.GradientNormalization), which the snippet above leaves out.\n",
                Export.beyondTheSnippet(NetSpec.quadrant().withGradNorm(new GradNorm(GradNorm.Mode.CLIP_ELEMENT_WISE_ABSOLUTE_VALUE, 0.5))));
    }
}
