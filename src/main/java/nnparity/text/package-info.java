/**
 * How numbers are written for a reader: one format per kind of figure (a difference, a
 * percentage, a coordinate, seconds), below every package that prints, so that the harness's
 * verdict ({@code parity}) and the report built on it ({@code report}) cannot drift apart.
 */
package nnparity.text;
