/**
 * The DL4J twin: the same {@link nnparity.spec.NetSpec} expressed as a
 * {@code MultiLayerConfiguration} of any depth ({@link nnparity.dl4j.Dl4jNets}, with the spec's
 * updater from {@link nnparity.dl4j.Dl4jUpdaters}, its learning-rate schedule from
 * {@link nnparity.dl4j.Dl4jSchedules} and its gradient normalization from
 * {@link nnparity.dl4j.Dl4jGradientNormalization}), the
 * {@link nnparity.dl4j.ParamBridge} that moves parameters and gradients between DL4J's flattened
 * view and the canonical layout, and {@link nnparity.dl4j.ForwardPass}, its activations layer by
 * layer. The other way round, {@link nnparity.dl4j.ConfigTranslator} reads a user's configuration
 * as a spec, refusing whatever the spec cannot mirror exactly, and {@link nnparity.dl4j.Dl4jImport}
 * brings in a configuration file or a saved model ({@link nnparity.dl4j.ImportException} for every
 * failure). Nothing here knows about the hand-written net.
 */
package nnparity.dl4j;
