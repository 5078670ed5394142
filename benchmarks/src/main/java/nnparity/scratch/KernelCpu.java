package nnparity.scratch;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The matrix kernel's speed per core on a shared machine: each product is timed by the CPU time of
 * the thread that runs it ({@link ThreadMXBean#getCurrentThreadCpuTime}), not by the wall clock,
 * so time the scheduler gives to other processes does not count. One thread
 * ({@code -Dnnparity.threads=1}, set here before the kernel loads), dense N(0,1) inputs (no zeros
 * to skip). Prints, per product, the median and min–max of GFLOP per CPU-second and the median as
 * a fraction of one core's FP64 peak (given in GFLOP/s as the first argument).
 *
 * <pre>
 *   java -cp benchmarks/target/benchmarks.jar nnparity.scratch.KernelCpu 67.1 [reps]
 * </pre>
 */
public final class KernelCpu {
    private KernelCpu() {
    }

    /** One product: its name, n, k, m and which of ab, atb, abt. */
    record Product(String name, int n, int k, int m, String op) {
    }

    public static void main(String[] args) {
        System.setProperty("nnparity.threads", "1");
        double corePeak = Double.parseDouble(args[0]);
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        List<Product> products = List.of(
                new Product("x·W1 784-50-10x100", 100, 784, 50, "ab"),
                new Product("xᵀ·dz1 784-50-10x100", 784, 100, 50, "atb"),
                new Product("x·W1 784-200-10x100", 100, 784, 200, "ab"),
                new Product("x·W1 784-800-10x100", 100, 784, 800, "ab"),
                new Product("xᵀ·dz1 784-800-10x1000", 784, 1000, 800, "atb"),
                new Product("x·W1 784-800-10x1000", 1000, 784, 800, "ab"));
        System.out.printf(Locale.ROOT, "FMA %s, threads %d; one core's peak %.1f GFLOP/s%n", MatMul.FMA, MatMul.THREADS, corePeak);
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        Random r = new Random(7);
        for (Product p : products) {
            double[] a = new double[p.n * p.k], b = new double[p.k * p.m], c = new double[p.n * p.m];
            for (int i = 0; i < a.length; i++) a[i] = r.nextGaussian();
            for (int i = 0; i < b.length; i++) b[i] = r.nextGaussian();
            double flops = 2.0 * p.n * p.k * p.m;
            int calls = (int) Math.max(1, 2e7 / flops * 5);         // about 20 ms of work per timed sample
            double[] gflops = new double[reps];
            for (int rep = -3; rep < reps; rep++) {                // three warm-up rounds
                long t0 = bean.getCurrentThreadCpuTime();
                for (int i = 0; i < calls; i++) run(p, a, b, c);
                long t1 = bean.getCurrentThreadCpuTime();
                if (rep >= 0) gflops[rep] = flops * calls / (t1 - t0);
            }
            Arrays.sort(gflops);
            double med = gflops[gflops.length / 2];
            System.out.printf(Locale.ROOT, "%-24s %6.1f GFLOP/CPU-s (%.1f–%.1f), %3.0f%% of one core's peak%n",
                    p.name, med, gflops[0], gflops[gflops.length - 1], 100 * med / corePeak);
        }
    }

    private static void run(Product p, double[] a, double[] b, double[] c) {
        switch (p.op) {
            case "ab" -> MatMul.ab(p.n, p.k, p.m, a, b, c);
            case "atb" -> MatMul.atb(p.n, p.k, p.m, a, b, c);
            default -> MatMul.abt(p.n, p.k, p.m, a, b, c);
        }
    }
}
