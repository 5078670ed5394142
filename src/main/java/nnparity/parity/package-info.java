/**
 * The lockstep harness, the one place where the hand-written net and its DL4J twin meet. It
 * starts both from identical parameters, feeds both the identical batches, and after every step
 * compares loss (forward), gradients (backward) and parameters (update); the first difference
 * beyond tolerance is pinned to a step, phase, layer, parameter and index.
 */
package nnparity.parity;
