package nnparity.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import nnparity.spec.NetSpec;

/**
 * What a run will allocate, estimated from its spec and data before anything is allocated, so that
 * a net or data set too big for the JVM is refused with one line (exit 2) instead of running for
 * minutes and dying of an {@link OutOfMemoryError} or in ND4J's native allocator.
 *
 * <p>The model, in bytes (P = parameters, B = batch, n = examples, S = steps):
 * <pre>
 *   parameters   8·P·{@value #PARAM_COPIES}   hand-written params, gradient, kept initial copy; DL4J's flat
 *                                    params, gradient view and score buffers; the copies of both
 *                                    that the lockstep reads out each step to compare them
 *   activations  8·B·(2·nIn + 5·H + 5·nOut)·{@value #ACTIVATION_COPIES}   x, z1, h, z2, p and their
 *                                    gradients, on both sides, DL4J's once more in its workspace
 *   step records {@value #STEP_RECORD_BYTES}·S   the per-step losses and differences kept for
 *                                    the verdict, the report and losses.csv
 *   data         {@value #QUADRANT_POINT_BYTES}·n for random points (a double[2] each, label, batch order)
 *   predictions  16·m·(nIn + 2·H + 2·nOut) for m points predicted at once, both sides; digits: per
 *                evaluation chunk, and the test set's probabilities
 * </pre>
 * It errs on the generous side (the real peak is lower), and is checked against what the heap can
 * still grow by ({@code Runtime.maxMemory()} minus what is in use). ND4J's off-heap buffers are
 * bounded by JavaCPP's {@code maxbytes}, which defaults to the same maximum heap, so one budget
 * serves both. Separately, no single Java array may exceed {@link #MAX_ARRAY} elements.
 */
final class MemoryEstimate {
    /** Copies of the parameter vector alive at once during a lockstep step (see the class comment). */
    static final int PARAM_COPIES = 10;
    /** Copies of a gradient check's parameters: the numerical checks, DL4J's util and its own copies. */
    static final int GRADCHECK_PARAM_COPIES = 12;
    /** Both sides' batch activations, DL4J's again in its workspace. */
    static final int ACTIVATION_COPIES = 3;
    /** One StepRecord (a 64-byte object) and its slot in the list, with the list's growth slack. */
    static final long STEP_RECORD_BYTES = 80;
    /** One random quadrant point: a double[2] (32 bytes), its reference, its label, its batch-order slots. */
    static final long QUADRANT_POINT_BYTES = 48;
    /** The largest Java array HotSpot allocates (a few header words under Integer.MAX_VALUE). */
    static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    /** One term of the estimate, with the flag that makes it smaller. */
    record Part(String what, long bytes, String remedy) {
    }

    private final List<Part> parts = new ArrayList<>();
    private final List<String> arrayErrors = new ArrayList<>();

    /** Parameter count of the net, in long: never overflows for int sizes. */
    static long parameters(NetSpec s) {
        long n = 0;
        for (int k = 0; k < s.depth(); k++) n += (long) s.nIn(k) * s.layers().get(k).nOut() + s.layers().get(k).nOut();
        return n;
    }

    /** The sum of every layer's width, input excluded: the activations one example keeps. */
    static long units(NetSpec s) {
        return s.layers().stream().mapToLong(l -> l.nOut()).sum();
    }

    /** The widest hidden layer (0 without one). */
    static int widest(NetSpec s) {
        return s.hidden().stream().mapToInt(l -> l.nOut()).max().orElse(0);
    }

    /** The lockstep of both nets: parameters and, when it trains, one batch's activations and the step records. */
    static MemoryEstimate lockstep(NetSpec spec, int batch, long steps) {
        MemoryEstimate m = new MemoryEstimate();
        m.net(spec, PARAM_COPIES, "a smaller --hidden");
        if (steps > 0) {
            m.batch(spec, batch, "a smaller --batch");
            m.add("the per-step records of " + steps + " steps", sat(STEP_RECORD_BYTES, steps), "fewer --epochs");
        }
        return m;
    }

    /** A gradient check: parameters and the check's batch. */
    static MemoryEstimate gradcheck(NetSpec spec, int batch) {
        MemoryEstimate m = new MemoryEstimate();
        m.net(spec, GRADCHECK_PARAM_COPIES, "a smaller --hidden");
        m.batch(spec, batch, "a smaller --batch");
        return m;
    }

    /** Adds {@code n} random quadrant points. */
    MemoryEstimate points(int n) {
        add(n + " random points", sat(QUADRANT_POINT_BYTES, n), "fewer --points");
        return this;
    }

    /** Adds the predictions of {@code points} points at once (forward only, both sides). */
    MemoryEstimate predictions(NetSpec s, int points) {
        array("the predictions' hidden layer", (long) points * widest(s), points + "×" + widest(s), "a smaller --hidden");
        add("the predictions of " + points + " points", sat(16L * points, (long) s.nIn() + 2L * units(s)),
                "a smaller --hidden");
        return this;
    }

    /** Adds the per-epoch evaluation: one chunk of inputs in double on both sides, the test set's probabilities. */
    MemoryEstimate evaluation(NetSpec s, int chunk, int nTest) {
        add("the evaluation", sat(16L * chunk, (long) s.nIn() + units(s)) + sat(16L * s.nOut(), nTest), "a smaller --hidden");
        return this;
    }

    private void net(NetSpec s, int copies, String remedy) {
        for (int k = 0; k < s.depth(); k++) {
            int nOut = s.layers().get(k).nOut();
            array("W" + (k + 1), (long) s.nIn(k) * nOut, s.nIn(k) + "×" + nOut, remedy);
        }
        long p = parameters(s);
        String sizes = s.nIn() + s.layers().stream().map(l -> "→" + l.nOut()).collect(java.util.stream.Collectors.joining());
        add(String.format(Locale.ROOT, "the %s net's %,d parameters, %d copies in double", sizes,
                p, copies), sat(sat(8, p), copies), remedy);
    }

    private void batch(NetSpec s, int b, String remedy) {
        array("a batch's inputs", (long) b * s.nIn(), b + "×" + s.nIn(), remedy);
        array("a batch's hidden layer", (long) b * widest(s), b + "×" + widest(s), remedy);
        long perExample = 2L * s.nIn() + 5L * units(s);
        add("the activations of a batch of " + b, sat(sat(8L * ACTIVATION_COPIES, perExample), b), remedy);
    }

    private void array(String what, long elements, String shape, String remedy) {
        if (elements > MAX_ARRAY)
            arrayErrors.add(String.format(Locale.ROOT, "%s would be %s = %,d doubles, more than a Java array holds (%,d); use %s",
                    what, shape, elements, MAX_ARRAY, remedy));
    }

    private void add(String what, long bytes, String remedy) {
        parts.add(new Part(what, bytes, remedy));
    }

    List<Part> parts() {
        return List.copyOf(parts);
    }

    /** The total, saturating at Long.MAX_VALUE. */
    long bytes() {
        long t = 0;
        for (Part p : parts) t = t + p.bytes() < t ? Long.MAX_VALUE : t + p.bytes();
        return t;
    }

    /** Heap that can still be allocated: the maximum minus what is in use now. */
    static long available() {
        Runtime rt = Runtime.getRuntime();
        return rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    }

    /**
     * Throws a one-line {@link UsageError} unless the run fits in what this JVM can still allocate;
     * before refusing, collects garbage once, so that dead objects are not counted as in use.
     */
    void requireFitsInThisJvm() {
        long need = bytes();
        if (arrayErrors.isEmpty() && need <= available()) return;
        if (arrayErrors.isEmpty()) System.gc();
        requireFits(available());
    }

    /** Throws a one-line {@link UsageError} unless the run fits in {@code available} bytes. */
    void requireFits(long available) {
        if (!arrayErrors.isEmpty()) throw new UsageError("this run cannot be allocated: " + arrayErrors.get(0));
        long need = bytes();
        if (need <= available) return;
        Part big = parts.stream().max(Comparator.comparingLong(Part::bytes)).orElseThrow();
        long max = Runtime.getRuntime().maxMemory();
        throw new UsageError(String.format(Locale.ROOT,
                "this run needs about %s of memory, mostly for %s (%s), but the JVM has %s free of its %s maximum"
                        + " (Runtime.maxMemory); use %s, or, if this machine has the memory, give Java more, e.g. MAVEN_OPTS=-Xmx%dg",
                size(need), big.what(), size(big.bytes()), size(available), size(max), big.remedy(),
                Math.max(1, (need + (max - available)) / (1L << 30) + 1)));
    }

    /** 1.5 GB, 320 MB, 12 kB. */
    static String size(long bytes) {
        if (bytes == Long.MAX_VALUE) return "more than 9 EB";
        String[] units = {"B", "kB", "MB", "GB", "TB", "PB", "EB"};
        double v = bytes;
        int u = 0;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, v < 10 && u > 0 ? "%.1f %s" : "%.0f %s", v, units[u]);
    }

    /** a·b, saturating at Long.MAX_VALUE (all terms are non-negative). */
    static long sat(long a, long b) {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }
}
