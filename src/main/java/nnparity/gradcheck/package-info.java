/**
 * The gradient-check suite: three independent proofs that the hand-written backward pass and SGD
 * step are right and compute DL4J's, for one net of any depth, activation, loss and penalty, at one
 * point of training.
 *
 * <ol>
 *   <li>{@link nnparity.gradcheck.NumericalCheck}: the hand-written gradient against central
 *       differences of the objective, evaluated in double-double
 *       ({@link nnparity.gradcheck.ReferenceLoss}, its own math of the whole spec), rel ≤ 1e-7 for
 *       every parameter, the data gradient and the penalties' part each; and the hand-written score
 *       against the reference score; parameters whose difference straddles a kink
 *       ({@link nnparity.gradcheck.Kinks}) are skipped and counted;</li>
 *   <li>{@link nnparity.gradcheck.Dl4jGradientCheck}: DL4J's own {@code GradientCheckUtil} on the
 *       DL4J twin with its defaults (its score and gradient carry the penalties), and the
 *       hand-written gradient against the util's numerical gradient;</li>
 *   <li>{@link nnparity.gradcheck.CrossFrameworkCheck}: the hand-written gradient against DL4J's
 *       (its update from its own updater, divided by lr), abs or rel ≤ 1e-12, and the scores.</li>
 * </ol>
 *
 * "The gradient" is the direction the SGD step follows: the data gradient (a batch mean when
 * miniBatch is on), plus l1·sign(θ) + l2·θ + wd·θ for a regularized net. On the hand-written side
 * it is read off a real step of {@link nnparity.scratch.Sgd} ({@link nnparity.gradcheck.HandWrittenGradient}),
 * so a fault in the optimizer shows as well as one in backprop.
 *
 * <p>{@link nnparity.gradcheck.GradientCheck} runs all three into a
 * {@link nnparity.gradcheck.GradientCheckReport} with one row per parameter
 * {@link nnparity.gradcheck.Group} (W1, b1, …, WL, bL) and the scores;
 * {@link nnparity.gradcheck.ReportTable} prints it. To show that the checks catch bugs, a
 * {@link nnparity.scratch.Fault} can be injected into the production network and SGD step
 * themselves ({@link nnparity.scratch.Network#withFault}, {@link nnparity.scratch.Sgd#withFault}),
 * so the checks are shown to catch a bug in the code that really runs. All errors are the
 * symmetric {@link nnparity.gradcheck.RelativeError}.
 *
 * <p>This is harness code, like {@code parity}: it uses both the hand-written net and DL4J.
 */
package nnparity.gradcheck;
