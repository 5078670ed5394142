package nnparity.scratch;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The matrix kernel's speed per core on a shared machine: each product is timed by the CPU time of
 * the thread that runs it ({@link ThreadMXBean#getCurrentThreadCpuTime}), not by the wall clock,
 * so time the scheduler gives to other processes does not count. One thread
 * ({@code -Dnnparity.threads=1}, set here before the kernel loads), the two row kernels
 * ({@link MatMul.Kernel}) alternating call by call, dense N(0,1) inputs (no zeros to skip).
 * Prints, per product and kernel, the median and min–max of GFLOP per CPU-second and the median as
 * a fraction of one core's FP64 peak (given in GFLOP/s as the first argument).
 *
 * <pre>
 *   java --add-modules jdk.incubator.vector -cp benchmarks/target/benchmarks.jar nnparity.scratch.KernelCpu 67.1 [reps]
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
        System.out.printf(Locale.ROOT, "kernel %s by default, %d lanes, FMA %s, threads %d; one core's peak %.1f GFLOP/s%n",
                MatMul.KERNEL, MatMul.KERNEL == MatMul.Kernel.VECTOR ? VectorRows.LANES : 0, MatMul.FMA, MatMul.THREADS, corePeak);
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        Random r = new Random(7);
        for (Product p : products) {
            double[] a = new double[p.n * p.k], b = new double[p.k * p.m], c = new double[p.n * p.m];
            for (int i = 0; i < a.length; i++) a[i] = r.nextGaussian();
            for (int i = 0; i < b.length; i++) b[i] = r.nextGaussian();
            double flops = 2.0 * p.n * p.k * p.m;
            MatMul.Kernel[] kernels = MatMul.KERNEL == MatMul.Kernel.VECTOR ? MatMul.Kernel.values() : new MatMul.Kernel[] {MatMul.Kernel.LOOP};
            int calls = (int) Math.max(1, 2e7 / flops * 5);         // about 20 ms of work per timed sample
            double[][] gflops = new double[kernels.length][reps];
            for (int rep = -3; rep < reps; rep++) {                // three warm-up rounds
                for (int kk = 0; kk < kernels.length; kk++) {
                    long t0 = bean.getCurrentThreadCpuTime();
                    for (int i = 0; i < calls; i++) run(kernels[kk], p, a, b, c);
                    long t1 = bean.getCurrentThreadCpuTime();
                    if (rep >= 0) gflops[kk][rep] = flops * calls / (t1 - t0);
                }
            }
            for (int kk = 0; kk < kernels.length; kk++) {
                double[] g = gflops[kk].clone();
                Arrays.sort(g);
                double med = g[g.length / 2];
                System.out.printf(Locale.ROOT, "%-24s %-6s %6.1f GFLOP/CPU-s (%.1f–%.1f), %3.0f%% of one core's peak%n",
                        p.name, kernels[kk], med, g[0], g[g.length - 1], 100 * med / corePeak);
            }
        }
    }

    private static void run(MatMul.Kernel kernel, Product p, double[] a, double[] b, double[] c) {
        switch (p.op) {
            case "ab" -> MatMul.ab(kernel, p.n, p.k, p.m, a, b, c);
            case "atb" -> MatMul.atb(kernel, p.n, p.k, p.m, a, b, c);
            default -> MatMul.abt(kernel, p.n, p.k, p.m, a, b, c);
        }
    }
}
