package nnparity.report;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import nnparity.text.Fmt;

/**
 * The per-epoch figures of a run with a train and a test set: accuracy of both nets on both sets,
 * how often they predict the same test class, and how long each side trained. {@link #add} prints
 * a one-line progress note as each epoch ends; {@link #print} the whole table at the end:
 *
 * <pre>
 *          train accuracy        test accuracy         test        s training / epoch
 *   epoch  hand-written  DL4J    hand-written  DL4J    agreement   hand-written  DL4J
 *       1        0.8155  0.8155        0.8043  0.8043  1.0000              5.21  9.87
 * </pre>
 */
public final class EpochTable {

    /**
     * One epoch, measured after its last step.
     *
     * @param epoch              1-based (0: the untrained nets)
     * @param trainHandWritten   hand-written accuracy on the training set
     * @param trainDl4j          DL4J accuracy on the training set
     * @param testHandWritten    hand-written accuracy on the test set
     * @param testDl4j           DL4J accuracy on the test set
     * @param testAgree          test examples on which both predict the same class
     * @param testSize           test examples
     * @param secondsHandWritten the hand-written net's training time in this epoch
     * @param secondsDl4j        DL4J's training ({@code fit}) time in this epoch
     * @param secondsEval        the evaluation's wall time, both nets, both sets
     */
    public record Row(int epoch, double trainHandWritten, double trainDl4j, double testHandWritten, double testDl4j,
                      int testAgree, int testSize, double secondsHandWritten, double secondsDl4j, double secondsEval) {

        public double testAgreement() {
            return testSize == 0 ? 1 : (double) testAgree / testSize;
        }
    }

    private final PrintWriter out;
    private final int epochs;
    private final List<Row> rows = new ArrayList<>();

    /** @param epochs the run's epoch count, shown as {@code epoch e/epochs} */
    public EpochTable(PrintWriter out, int epochs) {
        this.out = out;
        this.epochs = epochs;
    }

    /** Records {@code r} and prints it as one progress line. */
    public void add(Row r) {
        rows.add(r);
        out.printf(Locale.ROOT, "   ── epoch %d/%d: accuracy train %.4f | %.4f, test %.4f | %.4f (hand-written | DL4J); "
                        + "test predictions agree %d/%d; trained in %s | %s, evaluated in %s%n",
                r.epoch(), epochs, r.trainHandWritten(), r.trainDl4j(), r.testHandWritten(), r.testDl4j(),
                r.testAgree(), r.testSize(), Fmt.secs(r.secondsHandWritten()), Fmt.secs(r.secondsDl4j()),
                Fmt.secs(r.secondsEval()));
    }

    public List<Row> rows() {
        return List.copyOf(rows);
    }

    /** The whole table, one line per epoch. */
    public void print() {
        out.printf(Locale.ROOT, "%7s  %-22s  %-22s  %-10s  %s%n", "", "train accuracy", "test accuracy", "test", "seconds training per epoch");
        out.printf(Locale.ROOT, "%7s  %12s %9s  %12s %9s  %-10s  %12s %9s%n", "epoch", "hand-written", "DL4J",
                "hand-written", "DL4J", "agreement", "hand-written", "DL4J");
        for (Row r : rows) {
            out.printf(Locale.ROOT, "%7d  %12.4f %9.4f  %12.4f %9.4f  %-10.4f  %12.2f %9.2f%n", r.epoch(),
                    r.trainHandWritten(), r.trainDl4j(), r.testHandWritten(), r.testDl4j(), r.testAgreement(),
                    r.secondsHandWritten(), r.secondsDl4j());
        }
    }

    /** Mean training seconds per epoch, hand-written and DL4J, over the epochs that trained. */
    public double[] meanSeconds() {
        double s = 0, d = 0;
        int n = 0;
        for (Row r : rows) {
            if (r.epoch() == 0) continue;
            s += r.secondsHandWritten();
            d += r.secondsDl4j();
            n++;
        }
        return n == 0 ? new double[]{0, 0} : new double[]{s / n, d / n};
    }

    /**
     * {@code {"epochs": [1, 2, …], "handWritten": {"train": […], "test": […]}, "dl4j": {…}}}: the
     * report's {@code accuracy} key.
     */
    public Map<String, Object> accuracyJson() {
        List<Object> ep = new ArrayList<>(), trS = new ArrayList<>(), trD = new ArrayList<>(), teS = new ArrayList<>(), teD = new ArrayList<>();
        for (Row r : rows) {
            ep.add(r.epoch());
            trS.add(r.trainHandWritten());
            trD.add(r.trainDl4j());
            teS.add(r.testHandWritten());
            teD.add(r.testDl4j());
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("epochs", ep);
        m.put("handWritten", side(trS, teS));
        m.put("dl4j", side(trD, teD));
        return m;
    }

    /** The test-set prediction agreement of each epoch, a fraction. */
    public List<Object> agreementJson() {
        List<Object> a = new ArrayList<>();
        for (Row r : rows) a.add(r.testAgreement());
        return a;
    }

    /** {@code {"handWritten": […], "dl4j": […], "evaluation": […]}}: seconds per epoch. */
    public Map<String, Object> secondsJson() {
        List<Object> s = new ArrayList<>(), d = new ArrayList<>(), e = new ArrayList<>();
        for (Row r : rows) {
            s.add(r.secondsHandWritten());
            d.add(r.secondsDl4j());
            e.add(r.secondsEval());
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("handWritten", s);
        m.put("dl4j", d);
        m.put("evaluation", e);
        return m;
    }

    private static Map<String, Object> side(List<Object> train, List<Object> test) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("train", train);
        m.put("test", test);
        return m;
    }
}
