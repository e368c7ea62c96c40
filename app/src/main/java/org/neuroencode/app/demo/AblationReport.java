package org.neuroencode.app.demo;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.neuroencode.core.math.StudentT;
import org.neuroencode.core.schema.Score;
import org.neuroencode.encoder.connectivity.ConnectivityRecords;

/**
 * The connectivity-prior ablation: per (model, layer, ROI), the mean over subjects of base (stage 1 alone, on
 * the stimuli stage 2 used), intra, inter and full, the gains, and paired t-tests across subjects (the variants are paired within a subject), with the
 * paper's marks. Then the full-over-base gain split by the features' modality (video or image).
 */
public final class AblationReport {
  static final List<String> VARIANTS = List.of("base", "intra", "inter", "full");
  public static final String CSV_HEADER = "model,layer,roi,subjects,base,intra,inter,full,gain_full_base,p_full_base,"
      + "mark_full_base,gain_full_intra,p_full_intra,mark_full_intra,gain_full_inter,p_full_inter,mark_full_inter";

  /** One (model, layer, ROI): per variant, the subjects' mean r in subject order. */
  public record Row(String model, String layer, String roi, String modality, List<String> subjects, Map<String, double[]> byVariant) {
    double mean(String variant) {
      double[] values = byVariant.get(variant);
      double sum = 0;
      for (double value : values) {
        sum += value;
      }
      return sum / values.length;
    }

    StudentT.Paired test(String better, String worse) {
      return StudentT.pairedTest(byVariant.get(better), byVariant.get(worse));
    }

    String csv() {
      StudentT.Paired overBase = test("full", "base");
      StudentT.Paired overIntra = test("full", "intra");
      StudentT.Paired overInter = test("full", "inter");
      return String.format(Locale.ROOT, "%s,%s,%s,%d,%.6f,%.6f,%.6f,%.6f,%.6f,%.4g,%s,%.6f,%.4g,%s,%.6f,%.4g,%s", model, layer,
          roi, subjects.size(), mean("base"), mean("intra"), mean("inter"), mean("full"), overBase.meanDifference(),
          overBase.p(), overBase.mark(), overIntra.meanDifference(), overIntra.p(), overIntra.mark(),
          overInter.meanDifference(), overInter.p(), overInter.mark());
    }
  }

  private AblationReport() {}

  /** Rows for every (model, layer, ROI) scored in all four variants for the same subjects, ROIs in the given order. */
  public static List<Row> rows(Collection<Score> scores, List<String> roiOrder) {
    Map<String, Map<String, Map<String, Double>>> cells = new TreeMap<>();
    Map<String, String> modality = new TreeMap<>();
    for (Score score : scores) {
      String cell = score.getModel() + "\t" + score.getLayer() + "\t" + score.getRoi();
      cells.computeIfAbsent(cell, c -> new TreeMap<>())
          .computeIfAbsent(score.getVariant().toString(), v -> new TreeMap<>())
          .put(score.getSubjectId().toString(), score.getMeanR());
      modality.put(cell, String.valueOf(score.getAttributes().getOrDefault("modality", "unknown")));
    }
    // stage 2's own stage-1 score rests on the same stimuli as its variants: the paired base when present
    cells.values().forEach(byVariant -> {
      Map<String, Double> stage1 = byVariant.remove(ConnectivityRecords.STAGE1_VARIANT);
      if (stage1 != null) {
        byVariant.put("base", stage1);
      }
    });
    List<Row> rows = new ArrayList<>();
    for (Map.Entry<String, Map<String, Map<String, Double>>> cell : cells.entrySet()) {
      if (!cell.getValue().keySet().containsAll(VARIANTS)) {
        continue;
      }
      TreeSet<String> subjects = new TreeSet<>(cell.getValue().get("base").keySet());
      VARIANTS.forEach(variant -> subjects.retainAll(cell.getValue().get(variant).keySet()));
      Map<String, double[]> byVariant = new LinkedHashMap<>();
      for (String variant : VARIANTS) {
        byVariant.put(variant, subjects.stream().mapToDouble(s -> cell.getValue().get(variant).get(s)).toArray());
      }
      String[] parts = cell.getKey().split("\t");
      rows.add(new Row(parts[0], parts[1], parts[2], modality.get(cell.getKey()), List.copyOf(subjects), byVariant));
    }
    rows.sort(java.util.Comparator.comparing(Row::model).thenComparing(Row::layer)
        .thenComparing(row -> roiOrder.contains(row.roi()) ? roiOrder.indexOf(row.roi()) : Integer.MAX_VALUE)
        .thenComparing(Row::roi));
    return rows;
  }

  public static void print(List<Row> rows, PrintStream out) {
    out.println("connectivity priors (mean r over subjects; paired t-tests across subjects: full vs base, intra, inter)");
    out.printf("%-14s %-8s %-4s %6s %6s %6s %6s %16s %16s %16s%n", "model", "layer", "ROI", "base", "intra", "inter",
        "full", "full-base", "full-intra", "full-inter");
    for (Row row : rows) {
      out.printf(Locale.ROOT, "%-14s %-8s %-4s %6.3f %6.3f %6.3f %6.3f %16s %16s %16s%n", row.model(), row.layer(), row.roi(),
          row.mean("base"), row.mean("intra"), row.mean("inter"), row.mean("full"), gain(row.test("full", "base")),
          gain(row.test("full", "intra")), gain(row.test("full", "inter")));
    }
    Map<String, List<Double>> byModality = new TreeMap<>();
    for (Row row : rows) {
      byModality.computeIfAbsent(row.modality(), m -> new ArrayList<>()).add(row.mean("full") - row.mean("base"));
    }
    for (String expected : List.of("video", "image")) {
      byModality.putIfAbsent(expected, List.of());
    }
    out.println("gain of full over base by feature modality (mean over models, layers and ROIs):");
    byModality.forEach((name, gains) -> out.printf(Locale.ROOT, "  %-8s %s%n", name, gains.isEmpty()
        ? "no model of this modality in this run"
        : String.format(Locale.ROOT, "%+.4f over %d ROI cells", gains.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN), gains.size())));
  }

  private static String gain(StudentT.Paired test) {
    return String.format(Locale.ROOT, "%+.3f %s", test.meanDifference(), test.mark());
  }
}
