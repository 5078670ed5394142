package nnparity.parity;

/** The verdict of a lockstep run. */
public enum Outcome {
    /** Every comparison stayed within tolerance. */
    AGREE,
    /** Some comparison exceeded its tolerance; see the first divergence. */
    DISAGREE,
    /** The loss or parameters stopped being finite on both sides: training blew up. */
    DIVERGED
}
