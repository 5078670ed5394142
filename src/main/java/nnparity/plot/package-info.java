/**
 * Pictures of what a run measured, drawn with XChart: loss curves of both sides, decision
 * regions, the activation functions, the digits' confusion matrix and misclassified images, the
 * gradient check's errors. Each picture is a {@link nnparity.plot.Picture}, written by
 * {@code --plots DIR} and embedded by {@code --html FILE}.
 */
package nnparity.plot;
