/**
 * The gradient-check suite: three independent proofs that the hand-written backward pass is right
 * and computes DL4J's gradients, for one net at one point of training.
 *
 * <ol>
 *   <li>{@link nnparity.gradcheck.NumericalCheck}: the hand-written gradient against central
 *       differences of the loss, evaluated in double-double ({@link nnparity.gradcheck.ReferenceLoss}),
 *       rel ≤ 1e-7 for every parameter, ReLU kinks skipped and counted;</li>
 *   <li>{@link nnparity.gradcheck.Dl4jGradientCheck}: DL4J's own {@code GradientCheckUtil} on the
 *       DL4J twin with its defaults, and the hand-written gradient against the util's numerical gradient;</li>
 *   <li>{@link nnparity.gradcheck.CrossFrameworkCheck}: the hand-written gradient against DL4J's
 *       (divided by the batch size), abs or rel ≤ 1e-12.</li>
 * </ol>
 *
 * {@link nnparity.gradcheck.GradientCheck} runs all three into a
 * {@link nnparity.gradcheck.GradientCheckReport} with one row per parameter
 * {@link nnparity.gradcheck.Group}; {@link nnparity.gradcheck.ReportTable} prints it. To show that
 * the checks catch bugs, a {@link nnparity.scratch.Fault} can be injected into the production
 * layers themselves ({@link nnparity.scratch.Network#withFault}), so the checks are shown to catch
 * a bug in the code that really runs. All errors are the symmetric
 * {@link nnparity.gradcheck.RelativeError}.
 *
 * <p>This is harness code, like {@code parity}: it uses both the hand-written net and DL4J.
 */
package nnparity.gradcheck;
