package org.neuroencode.ingest.synthetic;

import java.util.ArrayList;
import java.util.List;

/**
 * The directed ROI→ROI coupling of a synthetic experiment: {@code base[source][target]} (rows are sources,
 * columns targets) times {@code strength}. A target's latent signal is its own subspace signal plus
 * {@code strength · Σ_source base[source][target] · own signal of the source}: one step, from each source's
 * own signal and never from its coupled signal, so the matrix is the whole truth about who drives whom.
 *
 * @param rois the ROI names, in the order of the matrix's rows and columns
 * @param base the unscaled weights; zero on the diagonal
 * @param strength scales every weight; 0 means no coupling (the {@code --coupling} option)
 */
public record Coupling(List<String> rois, double[][] base, double strength) {
  /** Weight of a feedforward edge at strength 1: the source's signal adds as much variance as the target's own. */
  public static final double FEEDFORWARD = 1.0;
  /** Weight of a feedback edge at strength 1: weaker than the feedforward edge it reverses. */
  public static final double FEEDBACK = 0.3;

  private static final List<List<String>> FEEDFORWARD_EDGES = List.of(
      List.of("V1", "V2"), List.of("V2", "V3"), List.of("V3", "V4"), List.of("V4", "LOC"),
      List.of("LOC", "EBA"), List.of("LOC", "FFA"), List.of("LOC", "STS"));
  private static final List<List<String>> FEEDBACK_EDGES = List.of(
      List.of("V2", "V1"), List.of("V3", "V2"), List.of("V4", "V3"), List.of("LOC", "V4"));

  public Coupling {
    rois = List.copyOf(rois);
    if (base.length != rois.size()) {
      throw new IllegalArgumentException("the coupling matrix has " + base.length + " rows for " + rois.size() + " ROIs");
    }
    double[][] copy = new double[base.length][];
    for (int s = 0; s < base.length; s++) {
      if (base[s].length != rois.size()) {
        throw new IllegalArgumentException("coupling row " + rois.get(s) + " has " + base[s].length + " columns, not "
            + rois.size());
      }
      if (base[s][s] != 0) {
        throw new IllegalArgumentException("the coupling of " + rois.get(s) + " to itself must be 0");
      }
      for (double w : base[s]) {
        if (!Double.isFinite(w)) {
          throw new IllegalArgumentException("coupling weights must be finite");
        }
      }
      copy[s] = base[s].clone();
    }
    base = copy;
    if (!(strength >= 0) || !Double.isFinite(strength)) {
      throw new IllegalArgumentException("the coupling strength must be a finite number >= 0, not " + strength);
    }
  }

  /**
   * The visual hierarchy: feedforward V1→V2→V3→V4→LOC and LOC→EBA, LOC→FFA, LOC→STS at {@link #FEEDFORWARD},
   * feedback V2→V1, V3→V2, V4→V3 and LOC→V4 at {@link #FEEDBACK}; PPA (and any ROI not named here) is
   * uncoupled, a control with nothing to find. Edges between ROIs that are not in the list are left out.
   */
  public static Coupling cortical(List<String> rois, double strength) {
    double[][] base = new double[rois.size()][rois.size()];
    addEdges(base, rois, FEEDFORWARD_EDGES, FEEDFORWARD);
    addEdges(base, rois, FEEDBACK_EDGES, FEEDBACK);
    return new Coupling(rois, base, strength);
  }

  /** No edges at all. */
  public static Coupling none(List<String> rois) {
    return new Coupling(rois, new double[rois.size()][rois.size()], 0);
  }

  private static void addEdges(double[][] base, List<String> rois, List<List<String>> edges, double weight) {
    for (List<String> edge : edges) {
      int source = rois.indexOf(edge.get(0));
      int target = rois.indexOf(edge.get(1));
      if (source >= 0 && target >= 0) {
        base[source][target] = weight;
      }
    }
  }

  public Coupling withStrength(double scale) {
    return new Coupling(rois, base, scale);
  }

  /** The effective weight from source to target: {@code strength · base[source][target]}. */
  public double weight(int source, int target) {
    return strength * base[source][target];
  }

  /** The effective matrix, rows = sources, columns = targets. */
  public double[][] matrix() {
    double[][] out = new double[base.length][base.length];
    for (int s = 0; s < base.length; s++) {
      for (int t = 0; t < base.length; t++) {
        out[s][t] = weight(s, t);
      }
    }
    return out;
  }

  /** The indices of the ROIs with a non-zero base weight into the target. */
  public List<Integer> sources(int target) {
    List<Integer> sources = new ArrayList<>();
    for (int s = 0; s < base.length; s++) {
      if (base[s][target] != 0) {
        sources.add(s);
      }
    }
    return sources;
  }

  /** Σ_source base[source][target]²: the coupled signal's variance at strength 1, relative to the own signal's. */
  public double incomingVariance(int target) {
    double sum = 0;
    for (double[] row : base) {
      sum += row[target] * row[target];
    }
    return sum;
  }

  public int index(String roi) {
    int index = rois.indexOf(roi);
    if (index < 0) {
      throw new IllegalArgumentException("no ROI '" + roi + "' in the coupling; ROIs: " + rois);
    }
    return index;
  }
}
