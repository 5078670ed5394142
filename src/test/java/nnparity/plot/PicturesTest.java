package nnparity.plot;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import nnparity.data.MnistData;
import nnparity.data.QuadrantData;
import nnparity.parity.LockstepResult;
import nnparity.parity.Predictions;
import nnparity.parity.StepRecord;
import nnparity.parity.Tolerances;
import nnparity.report.EpochTable;
import nnparity.spec.Activation;
import nnparity.spec.DenseParams;
import nnparity.spec.NetSpec;
import nnparity.spec.ParamSet;
import nnparity.spec.TrainSpec;

/** Every picture: a PNG of its stated size with real content, the same for the same input, and right where it encodes data. */
class PicturesTest {
    /** Activation values that are exact in double (0.25, 0, 1) or one rounding away. */
    private static final double EXACT = 1e-15;

    /** 30 steps: losses falling, differences 0, tiny, and one NaN step (a side that blew up). */
    static LockstepResult result(int n) {
        List<StepRecord> steps = new ArrayList<>();
        for (int s = 1; s <= n; s++) {
            double loss = 1.4 * Math.exp(-s / 10.0);
            double d = s % 3 == 0 ? 0 : 1e-16 * s;
            steps.add(new StepRecord(s, 1 + (s - 1) / 10, loss, loss + loss * d, d, s == n ? Double.NaN : 2 * d));
        }
        NetSpec spec = NetSpec.quadrant();
        return new LockstepResult(spec, new TrainSpec(3, 4, 42), "quadrants, test", steps, 0, 0, 0, 0, null, null, 0, 0,
                ParamSet.initial(spec));
    }

    @Test
    void lossCurvesAreAPngOfTheStatedSizeAndTheSameForTheSameRun() {
        Picture a = LossPlot.of(result(30), Tolerances.DEFAULT), b = LossPlot.of(result(30), Tolerances.DEFAULT);
        PngAssert.validPng(a, 1200, 900);
        PngAssert.samePicture(a, b);
        assertEquals("loss.png", a.fileName());
    }

    @Test
    void lossCurvesDifferWhenTheRunDiffers() {
        assertNotEquals(Arrays.hashCode(LossPlot.of(result(30), Tolerances.DEFAULT).png()),
                Arrays.hashCode(LossPlot.of(result(31), Tolerances.DEFAULT).png()));
    }

    @Test
    void aLongRunIsDrawnInBucketsAndAnEmptyRunStillDraws() {
        PngAssert.validPng(LossPlot.of(result(9001), new Tolerances(1e-12, 1e-10, 1e-11, 1e-12)), 1200, 900);
        PngAssert.validPng(LossPlot.of(result(0), Tolerances.DEFAULT), 1200, 900);
    }

    @Test
    void theLossChartsToleranceLineIsRedOnlyInTheLowerHalf() {
        BufferedImage img = PngAssert.decode(LossPlot.of(result(30), Tolerances.DEFAULT));
        int tolerance = 0xd62728;
        int upper = 0, lower = 0;
        for (int y = 0; y < 900; y++) for (int x = 0; x < 1000; x++) {
            if ((img.getRGB(x, y) & 0xffffff) == tolerance) {
                if (y < 450) upper++;
                else lower++;
            }
        }
        assertEquals(0, upper);
        assertTrue(lower > 500, "a dashed line across the plot: " + lower + " pixels");
    }

    // ----- decision regions -----

    /** Region colours: tab10's first four mixed 55% towards white, worked out by hand. */
    private static final int REGION_I = 0x9ac2dd, REGION_II = 0xffc593, REGION_III = 0xa0d4a0, REGION_IV = 0xed9e9e;
    private static final int DIFFER = 0xd62728;

    /** Hand-written: the true quadrant; DL4J the same except class I in the corner x > 1.5, y < −1.5. */
    private static Function<List<double[]>, Predictions> quadrants(boolean dl4jDiffers) {
        return pts -> {
            double[] s = new double[pts.size() * 4], d = new double[pts.size() * 4];
            for (int i = 0; i < pts.size(); i++) {
                double x = pts.get(i)[0], y = pts.get(i)[1];
                int q = QuadrantData.quadrantOf(x, y);
                s[i * 4 + q] = 1;
                d[i * 4 + (dl4jDiffers && x > 1.5 && y < -1.5 ? 0 : q)] = 1;
            }
            return new Predictions(pts, s, d, 4);
        };
    }

    private static Picture regions(boolean differ) {
        return DecisionRegions.of(quadrants(differ), QuadrantData.tutorial(), Arrays.asList(QuadrantData.NAMES), new double[]{2, 2});
    }

    /** Below this the legend (which shows the region colours too) begins. */
    private static final int ABOVE_LEGEND = 600;

    /** The colour at fraction (fx, fy) of the box that the panel's region colours fill, fy from the top. */
    private static int at(BufferedImage img, int panel, double fx, double fy) {
        int x0 = Integer.MAX_VALUE, x1 = -1, y0 = Integer.MAX_VALUE, y1 = -1;
        List<Integer> regions = List.of(REGION_I, REGION_II, REGION_III, REGION_IV);
        for (int y = 0; y < ABOVE_LEGEND; y++) {
            for (int x = panel * 600; x < panel * 600 + 600; x++) {
                if (regions.contains(img.getRGB(x, y) & 0xffffff)) {
                    x0 = Math.min(x0, x);
                    x1 = Math.max(x1, x);
                    y0 = Math.min(y0, y);
                    y1 = Math.max(y1, y);
                }
            }
        }
        return img.getRGB((int) (x0 + fx * (x1 - x0)), (int) (y0 + fy * (y1 - y0))) & 0xffffff;
    }

    @Test
    void eachPanelColoursEveryQuadrantByItsClassAndTheCornerOf22IsClassI() {
        BufferedImage img = PngAssert.validPng(regions(false), 1800, 660);
        assertAll(
                () -> assertEquals(REGION_I, at(img, 0, 0.92, 0.12), "near (2,2): class I"),
                () -> assertEquals(REGION_II, at(img, 0, 0.1, 0.1)),
                () -> assertEquals(REGION_III, at(img, 0, 0.1, 0.9)),
                () -> assertEquals(REGION_IV, at(img, 0, 0.9, 0.9)),
                () -> assertEquals(REGION_I, at(img, 1, 0.92, 0.12)),
                () -> assertEquals(REGION_IV, at(img, 1, 0.9, 0.9)));
    }

    @Test
    void theDifferencePanelIsEmptyWhenTheNetsAgreeAndRedWhereTheyDiffer() {
        BufferedImage same = PngAssert.decode(regions(false)), differ = PngAssert.decode(regions(true));
        assertEquals(0, PngAssert.count(same, DIFFER, 1200, 1800));
        assertEquals(REGION_I, at(differ, 1, 0.95, 0.95), "DL4J's corner is class I");
        assertEquals(REGION_IV, at(differ, 0, 0.95, 0.95), "the hand-written net's is IV");
        // the corner is 1/64 of the square, about 470² / 64 ≈ 3400 pixels
        assertTrue(PngAssert.count(differ, DIFFER, 1200, 1800) > 2000, "the differing corner is drawn");
    }

    @Test
    void decisionRegionsAreTheSameForTheSameNetsAndNeedTwoInputs() {
        PngAssert.samePicture(regions(true), regions(true));
        MnistData images = MnistData.of("tiny", 2, 2, new byte[4], new byte[1]);
        assertThrows(IllegalArgumentException.class, () -> DecisionRegions.of(quadrants(false), images, List.of("0"), null));
    }

    @Test
    void theGridSpansMinusTwoToTwoInSteps() {
        assertEquals(-2.0, DecisionRegions.coord(0));
        assertEquals(0.0, DecisionRegions.coord(80));
        assertEquals(2.0, DecisionRegions.coord(160));
        assertEquals(0.025, DecisionRegions.coord(81), EXACT);
    }

    // ----- activations -----

    @Test
    void theActivationsPictureShowsEveryElementWiseActivation() {
        Picture a = ActivationPlot.of();
        PngAssert.validPng(a, 1700, 900);
        PngAssert.samePicture(a, ActivationPlot.of());
        assertEquals(Activation.values().length - 1, ActivationPlot.order().size(), "all but softmax");
        assertEquals(List.of(Activation.STEP, Activation.SIGMOID, Activation.RELU, Activation.TANH), ActivationPlot.order().subList(0, 4));
    }

    @Test
    void theCurvesAreTheHandWrittenLayersValuesAtTheTextbookPoints() {
        double[] z = ActivationPlot.zs();
        assertEquals(401, z.length);
        assertEquals(-4.0, z[0]);
        assertEquals(0.0, z[200]);
        assertEquals(4.0, z[400]);
        double[] sig = ActivationPlot.value(Activation.SIGMOID, z), dsig = ActivationPlot.derivative(Activation.SIGMOID, z);
        assertEquals(0.5, sig[200], EXACT);
        assertEquals(0.25, dsig[200], EXACT);
        assertEquals(1 / (1 + Math.exp(4)), sig[0], EXACT);
        double[] drelu = ActivationPlot.derivative(Activation.RELU, z);
        assertEquals(0.0, drelu[199]);
        assertEquals(0.0, drelu[200], "0 at the kink, DL4J's choice");
        assertEquals(1.0, drelu[201]);
        assertEquals(1 - Math.tanh(1) * Math.tanh(1), ActivationPlot.derivative(Activation.TANH, z)[250], EXACT);
        assertEquals(0.01, ActivationPlot.derivative(Activation.LEAKYRELU, z)[0], 1e-9, "DL4J's float 0.01");
    }

    @Test
    void stepsDerivativeIsZeroAndUndefinedAtZero() {
        double[] z = ActivationPlot.zs(), step = ActivationPlot.value(Activation.STEP, z), d = ActivationPlot.derivative(Activation.STEP, z);
        assertEquals(0.0, step[200]);
        assertEquals(1.0, step[201]);
        assertTrue(Double.isNaN(d[200]));
        assertEquals(0.0, d[199]);
        assertEquals(0.0, d[201]);
    }

    // ----- digits -----

    /** 12 images of 4×4: image i has pixel i lit at 255, label i % 3. */
    static MnistData images() {
        byte[] px = new byte[12 * 16], labels = new byte[12];
        for (int i = 0; i < 12; i++) {
            px[i * 16 + i] = (byte) 255;
            labels[i] = (byte) (i % 3);
        }
        return MnistData.of("tiny test", 4, 4, px, labels);
    }

    /** Hand-written predicts class 0 for everything, DL4J the label. */
    static Predictions predictions(MnistData test) {
        double[] s = new double[test.size() * 3], d = new double[test.size() * 3];
        List<double[]> pts = new ArrayList<>();
        for (int i = 0; i < test.size(); i++) {
            s[i * 3] = 1;
            d[i * 3 + test.label(i)] = 1;
            pts.add(new double[0]);
        }
        return new Predictions(pts, s, d, 3);
    }

    static ParamSet params() {
        double[] w = new double[16 * 5];
        for (int i = 0; i < w.length; i++) w[i] = Math.sin(i);
        return new ParamSet(List.of(new DenseParams(16, 5, w, new double[5]), DenseParams.zeros(5, 3)));
    }

    static List<Picture> digits(int[][] dl4jConfusion) {
        List<EpochTable.Row> epochs = List.of(new EpochTable.Row(1, 0.5, 0.5, 0.4, 0.4, 12, 12, 1, 2, 0.1),
                new EpochTable.Row(2, 0.7, 0.7, 0.6, 0.6, 12, 12, 1, 2, 0.1));
        MnistData test = images();
        return DigitsPlots.of(epochs, new int[][]{{4, 0, 0}, {4, 0, 0}, {4, 0, 0}}, dl4jConfusion, List.of("Coat", "Bag", "Ankle boot"),
                test, predictions(test), params());
    }

    @Test
    void theDigitsPicturesAreTheFourOfTheStatedSizes() {
        List<Picture> p = digits(new int[][]{{4, 0, 0}, {4, 0, 0}, {4, 0, 0}});
        assertEquals(List.of("accuracy.png", "confusion.png", "misclassified.png", "weights.png"), p.stream().map(Picture::fileName).toList());
        PngAssert.validPng(p.get(0), 1000, 600);
        PngAssert.validPng(p.get(1), 900, 900);
        // 8 misclassified (labels 1 and 2 predicted 0): one row of 8 tiles, 170 wide, 4·4 + 34 high, under a 50 px heading
        PngAssert.validPng(p.get(2), 8 * 170, 50 + 4 * 4 + 34 + 10);
        // 5 units, 10 per row: at least 700 wide, one row of 4·3 + 26 under the heading
        PngAssert.validPng(p.get(3), 700, 50 + 4 * 3 + 26 + 10);
        for (int i = 0; i < p.size(); i++) PngAssert.samePicture(p.get(i), digits(new int[][]{{4, 0, 0}, {4, 0, 0}, {4, 0, 0}}).get(i));
    }

    @Test
    void differingConfusionMatricesAreDrawnSideBySide() {
        Picture c = digits(new int[][]{{4, 0, 0}, {0, 4, 0}, {0, 0, 4}}).get(1);
        PngAssert.validPng(c, 1800, 900);
    }

    @Test
    void aRunThatBrokeOffDrawsOnlyTheWeights() {
        List<Picture> p = DigitsPlots.of(List.of(), null, null, List.of("a", "b", "c"), images(), null, params());
        assertEquals(List.of("weights.png"), p.stream().map(Picture::fileName).toList());
    }

    @Test
    void aWeightIsBlueBelowZeroWhiteAtZeroRedAbove() {
        assertEquals(0x2166ac, DigitsPlots.diverging(-1));
        assertEquals(0xffffff, DigitsPlots.diverging(0));
        assertEquals(0xb2182b, DigitsPlots.diverging(1));
        assertEquals(0xb2182b, DigitsPlots.diverging(7), "clipped");
        // halfway to blue: 255 + (0x21 − 255)/2 = 144, (0x66 + 255)/2 = 178.5 → 179 (rounded half up), (0xac + 255)/2 = 213.5 → 214
        assertEquals((144 << 16) | (179 << 8) | 214, DigitsPlots.diverging(-0.5));
    }

    @Test
    void eachUnitsImageIsItsColumnOfW1ScaledByItsLargestWeight() {
        double[] w = new double[4 * 2];
        w[0 * 2 + 1] = -2; // W[0][1]: unit 2's first pixel, its largest |w|
        w[3 * 2 + 1] = 1;  // W[3][1]: unit 2's last pixel, half of it
        BufferedImage img = DigitsPlots.weightImage(new DenseParams(4, 2, w, new double[2]), 1, 2, 2);
        assertEquals(0x2166ac, img.getRGB(0, 0) & 0xffffff);
        assertEquals(0xffffff, img.getRGB(1, 0) & 0xffffff);
        assertEquals(DigitsPlots.diverging(0.5), img.getRGB(1, 1) & 0xffffff);
    }

    @Test
    void aDigitIsDarkInkOnWhite() {
        BufferedImage d = DigitsPlots.digit(images(), 5);
        assertEquals(0x000000, d.getRGB(1, 1) & 0xffffff, "pixel 5 = row 1, col 1, lit");
        assertEquals(0xffffff, d.getRGB(0, 0) & 0xffffff);
    }
}
