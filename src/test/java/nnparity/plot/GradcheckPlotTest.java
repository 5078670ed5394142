package nnparity.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;

import org.junit.jupiter.api.Test;

import nnparity.gradcheck.Coverage;
import nnparity.gradcheck.GradientCheck;
import nnparity.gradcheck.GradientCheckReport;
import nnparity.gradcheck.HandWrittenGradient;
import nnparity.scratch.Fault;
import nnparity.spec.NetSpec;

class GradcheckPlotTest {

    private static GradientCheckReport report(int steps) {
        NetSpec spec = NetSpec.quadrant();
        return GradientCheck.run(spec, 4, steps, HandWrittenGradient.production(Fault.NONE), Coverage.defaultFor(spec));
    }

    @Test
    void everyComparedAndEverySkippedParameterIsKeptForThePicture() {
        GradientCheckReport r = report(200);
        int skipped = 0;
        for (GradientCheckReport.Row row : r.rows()) {
            assertEquals(row.numerical().checked(), row.numerical().elements().index().length, row.label());
            assertEquals(row.numerical().skipped(), row.numerical().elements().skipped().length, row.label());
            assertEquals(row.crossFramework().checked(), row.crossFramework().elements().relError().length, row.label());
            double max = 0;
            for (double e : row.numerical().elements().relError()) max = Math.max(max, e);
            assertEquals(row.numerical().maxRelError(), max, 0.0, "the largest element is the group's maximum");
            skipped += row.numerical().skipped();
        }
        // W1 [2x50], b1 [50], W2 [50x4], b2 [4]: every parameter either compared or skipped by check 1, all by check 3
        int all = 0;
        for (GradientCheckReport.Row row : r.rows()) all += row.numerical().checked() + row.numerical().skipped();
        assertEquals(354, all);
        assertTrue(skipped >= 0);
    }

    @Test
    void theGradientCheckPictureHasOnePanelPerGroupAndIsTheSameForTheSameCheck() {
        GradientCheckReport r = report(0);
        Picture p = GradcheckPlot.of(r);
        BufferedImage img = PngAssert.validPng(p, 4 * 480, 480);
        PngAssert.samePicture(p, GradcheckPlot.of(report(0)));
        // the check-1 bound (blue, dashed) and the check-3 bound (orange) are drawn in every panel
        for (int panel = 0; panel < 4; panel++) {
            assertTrue(PngAssert.count(img, 0x1f77b4, panel * 480, panel * 480 + 480) > 100, "blue in panel " + panel);
            assertTrue(PngAssert.count(img, 0xff7f0e, panel * 480, panel * 480 + 480) > 100, "orange in panel " + panel);
        }
    }
}
