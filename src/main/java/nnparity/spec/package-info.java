/**
 * One immutable description of the network and its training, from which both the hand-written
 * net and its DL4J twin are built, plus the canonical parameter layout they exchange numbers in.
 * Everything here is validated when it is built, so a bad value fails with a message that names it.
 */
package nnparity.spec;
