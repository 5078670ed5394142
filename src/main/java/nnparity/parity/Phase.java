package nnparity.parity;

/** Where in a training step the two nets were compared, in the order the step runs. */
public enum Phase {
    /** The starting parameters, before step 1. */
    INITIAL_PARAMETERS("initial parameters"),
    /** Every layer's activations on the training inputs, before step 1 (for a user's saved model). */
    INITIAL_FORWARD("forward pass before training (activations)"),
    /** The loss of the forward pass, before the update. */
    FORWARD("forward pass (loss)"),
    /** The mean-loss gradient of every parameter. */
    BACKWARD("backward pass (gradient)"),
    /** Every parameter after the update. */
    UPDATE("update (parameters)"),
    /** Every element of the updater's state after the update, e.g. Adam's m and v; a divergence names the state ({@link Divergence#state}). */
    UPDATER_STATE("update (updater state)"),
    /** Predicted probabilities after training. */
    PREDICTION("prediction");

    private final String description;

    Phase(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
