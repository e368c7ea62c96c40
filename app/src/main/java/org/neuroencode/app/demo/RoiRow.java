package org.neuroencode.app.demo;

/** One line of the demo's table: a subject's ROI, scored against its ground truth. */
public record RoiRow(
    String subject,
    String roi,
    int nTrain,
    int nTest,
    int voxels,
    int nullVoxels,
    double meanRSignal,
    double meanRNull,
    double achievableR,
    double testMeanR) {

  public static final String CSV_HEADER =
      "subject,roi,n_train,n_test,voxels,null_voxels,mean_r_signal,mean_r_null,achievable_r,test_mean_r";

  public String csv() {
    return String.join(",", subject, roi, String.valueOf(nTrain), String.valueOf(nTest), String.valueOf(voxels),
        String.valueOf(nullVoxels), fmt(meanRSignal), fmt(meanRNull), fmt(achievableR), fmt(testMeanR));
  }

  private static String fmt(double value) {
    return Double.isNaN(value) ? "" : String.format(java.util.Locale.ROOT, "%.4f", value);
  }
}
