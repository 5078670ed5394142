package nnparity.gradcheck;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs a test class with ND4J on one OpenMP thread, then restores the setting. ND4J runs each op
 * on 2 threads here; for these tiny arrays that only adds synchronisation, which makes the
 * thousands of {@code score()} calls of GradientCheckUtil 3-4× slower on a busy 2-core machine.
 * One thread computes the same numbers.
 */
final class OneNd4jThread implements BeforeAllCallback, AfterAllCallback {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(OneNd4jThread.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        Nd4j.create(1); // loads the backend, which sets its thread count once
        context.getStore(NS).put("saved", Nd4j.getEnvironment().maxMasterThreads());
        Nd4j.getEnvironment().setMaxMasterThreads(1);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Nd4j.getEnvironment().setMaxMasterThreads(context.getStore(NS).get("saved", Integer.class));
    }
}
