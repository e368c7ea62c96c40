package org.neuroencode.encoder.connectivity;

import java.util.ArrayList;
import java.util.List;

/** How well a ROI × ROI matrix (row = target, column = source) recovers a known directed coupling. */
public final class EdgeRecovery {
  private EdgeRecovery() {}

  /** ROC AUC of the entries [target][source] against the true edges coupling[source][target] > 0, off the diagonal. */
  public static double offDiagonalAuc(double[][] scores, double[][] coupling) {
    List<Double> edges = new ArrayList<>();
    List<Double> others = new ArrayList<>();
    for (int t = 0; t < scores.length; t++) {
      for (int s = 0; s < scores.length; s++) {
        if (s != t) {
          (coupling[s][t] > 0 ? edges : others).add(scores[t][s]);
        }
      }
    }
    double wins = 0;
    for (double edge : edges) {
      for (double other : others) {
        wins += edge > other ? 1 : edge == other ? 0.5 : 0;
      }
    }
    return wins / (edges.size() * (double) others.size());
  }
}
