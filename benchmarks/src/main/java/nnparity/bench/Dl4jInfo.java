package nnparity.bench;

import org.nd4j.linalg.factory.Nd4j;

/**
 * Prints the ND4J setup the DL4J benchmarks run with: backend, BLAS vendor, thread counts, the
 * native binary's CPU extension (generic, -avx2 or -avx512, chosen by JavaCPP from what is on
 * the class path) and whether ND4J's periodic {@code System.gc()} is on.
 *
 * <pre>
 *   java -cp benchmarks/target/benchmarks.jar nnparity.bench.Dl4jInfo
 * </pre>
 */
public final class Dl4jInfo {
    private Dl4jInfo() {
    }

    public static void main(String[] args) {
        var env = Nd4j.getExecutioner().getEnvironmentInformation();
        System.out.println("backend: " + env.getOrDefault("backend", "?")
                + ", BLAS: " + Nd4j.factory().blas().getBlasVendor()
                + ", BLAS threads: " + Nd4j.factory().blas().getMaxThreads()
                + ", ND4J threads: " + Nd4j.getEnvironment().maxThreads()
                + ", master threads: " + Nd4j.getEnvironment().maxMasterThreads()
                + ", periodic GC: " + Nd4j.getMemoryManager().isPeriodicGcActive()
                + ", native binary: " + System.getProperty("org.bytedeco.javacpp.platform.extension", "(see the log above)"));
        env.forEach((k, v) -> System.out.println("  " + k + " = " + v));
        System.exit(0);
    }
}
