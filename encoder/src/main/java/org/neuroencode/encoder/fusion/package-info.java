/**
 * Layer fusion (the first term of the paper's Eq. 1): non-negative per-voxel weights over per-layer
 * predictions, learned and honestly scored from per-fold co-moments of out-of-fold predictions, with no
 * stored samples. Entry point: {@link org.neuroencode.encoder.fusion.LayerFusion}.
 */
package org.neuroencode.encoder.fusion;
