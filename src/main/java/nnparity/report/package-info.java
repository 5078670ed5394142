/**
 * What the user sees and keeps: the console table and verdict, the JSON summary, and the
 * {@code .npy}/CSV export that lets a third implementation (e.g. the tutorial's numpy code)
 * replay the run from the same starting point.
 */
package nnparity.report;
