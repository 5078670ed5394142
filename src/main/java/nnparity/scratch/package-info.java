/**
 * The network written by hand, to read beside the tutorial: a {@link nnparity.scratch.Dense}
 * (affine) layer, an {@link nnparity.scratch.ActivationLayer} with every element-wise activation
 * of DL4J, the output stages ({@link nnparity.scratch.OutputLoss}: softmax with cross-entropy
 * {@link nnparity.scratch.SoftmaxCrossEntropy}, {@link nnparity.scratch.MeanSquaredError},
 * {@link nnparity.scratch.L1Loss}, {@link nnparity.scratch.BinaryCrossEntropy}), a
 * {@link nnparity.scratch.Network} that chains them to any depth, and the updaters: one small
 * class per DL4J updater rule ({@link nnparity.scratch.GradientUpdater}: {@link nnparity.scratch.Sgd},
 * {@link nnparity.scratch.Nesterovs}, {@link nnparity.scratch.Adam}, {@link nnparity.scratch.AdaMax},
 * {@link nnparity.scratch.Nadam}, {@link nnparity.scratch.AmsGrad}, {@link nnparity.scratch.AdaGrad},
 * {@link nnparity.scratch.RmsProp}, {@link nnparity.scratch.AdaDelta}, {@link nnparity.scratch.NoOp}),
 * applied by the {@link nnparity.scratch.UpdatePipeline}, which first normalizes each layer's
 * gradients ({@link nnparity.scratch.GradientNormalization}, DL4J's clipping and renormalizing),
 * then regularizes each {@link nnparity.scratch.Parameter} by its {@link nnparity.scratch.Penalty}
 * in DL4J's order (l1/l2, the rule, weight decay) and keeps the rule's state per parameter. Every formula is DL4J 1.0.0-M2.1's, kinks, clips, averaging
 * and the order of regularization included, and each class's javadoc says where that differs from
 * the textbook. Plain Java on {@code double[]}: no DL4J or ND4J import anywhere in this package.
 * The only project package it uses is {@code spec}.
 *
 * <p>The matrix products sit behind {@link nnparity.scratch.Matrix}, so the layer code reads like
 * the math while the kernel underneath ({@link nnparity.scratch.MatMul}) can be tuned.
 * {@link nnparity.scratch.Fault} lists the known bugs that can be injected into this code to show
 * that the checks catch them.
 */
package nnparity.scratch;
