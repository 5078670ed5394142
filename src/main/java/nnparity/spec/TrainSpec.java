package nnparity.spec;

import nnparity.text.Fmt;

/**
 * How long and in what portions to train: {@code epochs} passes over the training set in
 * mini-batches of {@code batchSize} (the last batch of an epoch may be smaller), in an order
 * reshuffled every epoch from {@code shuffleSeed}.
 *
 * @param epochs      passes over the data, ≥ 0 (0 compares the untrained nets' forward passes)
 * @param batchSize   examples per step, ≥ 1
 * @param shuffleSeed seeds the batch order
 */
public record TrainSpec(int epochs, int batchSize, long shuffleSeed) {

    public TrainSpec {
        if (epochs < 0) throw new IllegalArgumentException("epochs " + epochs + " is invalid; it must be ≥ 0");
        if (batchSize < 1) throw new IllegalArgumentException("batch size " + batchSize + " is invalid; it must be ≥ 1");
    }

    /** Steps in one epoch over {@code n} examples: {@code ceil(n / batchSize)}. */
    public int stepsPerEpoch(int n) {
        return (int) (((long) n + batchSize - 1) / batchSize);   // long: n + batchSize may pass 2³¹
    }

    /**
     * The run header's training line for {@code n} examples, e.g. {@code 3 epochs × 600 steps of
     * batch 100 = 1800 steps, batch order shuffled from seed 42}, or {@code 1000 epochs × 1 step of
     * batch 4 = 1000 steps, …}.
     */
    public String describe(int n) {
        int steps = stepsPerEpoch(n);
        return Fmt.count(epochs, "epoch") + " × " + Fmt.count(steps, "step") + " of batch " + batchSize + " = "
                + Fmt.count((long) epochs * steps, "step") + ", batch order shuffled from seed " + shuffleSeed;
    }

    @Override
    public String toString() {
        return "epochs " + epochs + ", batch " + batchSize + ", shuffle seed " + shuffleSeed;
    }
}
