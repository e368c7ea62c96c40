package org.neuroencode.app.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.neuroencode.core.schema.Connectivity;
import org.neuroencode.core.schema.Tensor;
import org.neuroencode.core.tensor.Tensors;

/** Prints and writes the directional ROI connectivity matrices (rows are targets, columns sources). */
public final class ConnectivityTables {
  private ConnectivityTables() {}

  /** One CSV per (subject, model, layer) and matrix: {@code <subject>_<model>_<layer>_{weights,unique}.csv}. */
  static void writeCsv(List<Connectivity> records, Path dir) throws IOException {
    Files.createDirectories(dir);
    for (Connectivity record : records) {
      String stem = record.getSubjectId() + "_" + record.getModel() + "_" + record.getLayer();
      Files.write(dir.resolve(stem + "_weights.csv"), csv(record, record.getWeights()));
      Files.write(dir.resolve(stem + "_unique.csv"), csv(record, record.getUniqueContribution()));
    }
  }

  /** The mean over subjects of each (model, layer)'s two matrices, in the given ROI order. */
  public static void print(List<Connectivity> records, List<String> roiOrder, PrintStream out) {
    Map<String, List<Connectivity>> byModelLayer = new TreeMap<>();
    records.forEach(record -> byModelLayer.computeIfAbsent(record.getModel() + " " + record.getLayer(), k -> new ArrayList<>())
        .add(record));
    byModelLayer.forEach((modelLayer, group) -> {
      out.println("directional connectivity, " + modelLayer + ", mean over " + group.size()
          + " subjects (row = target, column = source)");
      printMatrix("stage-2 weights (each row scaled so that its largest weight from another ROI is 1)", group, Connectivity::getWeights, roiOrder, out);
      printMatrix("unique contribution (loss in mean r without the source)", group, Connectivity::getUniqueContribution,
          roiOrder, out);
    });
  }

  private static void printMatrix(String title, List<Connectivity> group, Function<Connectivity, Tensor> matrix,
      List<String> roiOrder, PrintStream out) {
    out.println("  " + title);
    out.printf("  %-5s", "");
    roiOrder.forEach(roi -> out.printf(" %7s", roi));
    out.println();
    for (String target : roiOrder) {
      out.printf("  %-5s", target);
      for (String source : roiOrder) {
        double sum = 0;
        int records = 0;
        for (Connectivity record : group) {
          List<String> rois = record.getRois().stream().map(Object::toString).toList();
          if (rois.contains(target) && rois.contains(source)) {
            sum += Tensors.toDoubles(matrix.apply(record))[rois.indexOf(target) * rois.size() + rois.indexOf(source)];
            records++;
          }
        }
        out.printf(Locale.ROOT, " %7.3f", records == 0 ? Double.NaN : sum / records);
      }
      out.println();
    }
  }

  private static List<String> csv(Connectivity record, Tensor matrix) {
    List<String> rois = record.getRois().stream().map(Object::toString).toList();
    double[] values = Tensors.toDoubles(matrix);
    List<String> lines = new ArrayList<>();
    lines.add("target\\source," + String.join(",", rois));
    for (int t = 0; t < rois.size(); t++) {
      StringBuilder line = new StringBuilder(rois.get(t));
      for (int s = 0; s < rois.size(); s++) {
        line.append(',').append(String.format(Locale.ROOT, "%.6g", values[t * rois.size() + s]));
      }
      lines.add(line.toString());
    }
    return lines;
  }
}
