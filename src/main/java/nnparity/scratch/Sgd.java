package nnparity.scratch;

import java.util.List;

/**
 * Plain gradient descent, the tutorial's update: {@code θ ← θ - lr · ∂L/∂θ} for every parameter.
 * With L the batch mean, this is DL4J's {@code Sgd(lr)} with its default {@code miniBatch(true)},
 * which divides the summed gradient by the batch size first.
 */
public final class Sgd implements Optimizer {
    private final double lr;

    public Sgd(double lr) {
        if (!(lr > 0) || Double.isInfinite(lr)) throw new IllegalArgumentException("learning rate " + lr + " is invalid; it must be a finite number > 0");
        this.lr = lr;
    }

    @Override
    public void step(List<Parameter> parameters) {
        for (Parameter p : parameters) {
            double[] v = p.value().data, g = p.grad().data;
            for (int i = 0; i < v.length; i++) v[i] -= lr * g[i];
        }
    }

    @Override
    public String toString() {
        return "SGD(lr=" + lr + ")";
    }
}
