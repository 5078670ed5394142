/**
 * The DL4J twin: the same {@link nnparity.spec.NetSpec} expressed as a
 * {@code MultiLayerConfiguration} ({@link nnparity.dl4j.Dl4jNets}), and the
 * {@link nnparity.dl4j.ParamBridge} that moves numbers between DL4J's flattened parameter view
 * and the canonical layout. Nothing here knows about the hand-written net.
 */
package nnparity.dl4j;
