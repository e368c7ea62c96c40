/**
 * Feature reduction: StandardScaler then PCA, fitted once per (model, layer) on the training stimuli and
 * frozen as a versioned {@link org.neuroencode.encoder.reduction.FeatureBasis}. Encoder state is keyed by the
 * basis version, so statistics accumulated in one basis are never mixed with another's.
 */
package org.neuroencode.encoder.reduction;
