/**
 * The network written by hand, to read beside the tutorial: a {@link nnparity.scratch.Dense}
 * (affine) layer, an {@link nnparity.scratch.ActivationLayer}, softmax with cross-entropy
 * ({@link nnparity.scratch.SoftmaxCrossEntropy}), a {@link nnparity.scratch.Network} that chains
 * them, and {@link nnparity.scratch.Sgd}. Plain Java on {@code double[]}: no DL4J or ND4J import
 * anywhere in this package. The only project package it uses is {@code spec}.
 *
 * <p>The matrix products sit behind {@link nnparity.scratch.Matrix}, so the layer code reads like
 * the math while the kernel underneath ({@link nnparity.scratch.MatMul}) can be tuned.
 */
package nnparity.scratch;
