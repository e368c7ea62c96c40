package org.neuroencode.extractor.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import org.junit.jupiter.api.Test;
import org.neuroencode.extractor.catalogue.ModelCatalogue;

/** Device choice. This machine has no GPU, so the GPU branches are tested through the engine's GPU count. */
class DeviceSettingTest {

  @Test
  void shouldChooseTheGpuWhenAutoSeesOneAndFallBackToTheCpuOtherwise() {
    assertEquals(Device.gpu(), DeviceSetting.AUTO.resolve(1, "PyTorch"));
    assertEquals(Device.cpu(), DeviceSetting.AUTO.resolve(0, "PyTorch"));
    assertEquals(Device.cpu(), DeviceSetting.CPU.resolve(2, "PyTorch"));
  }

  @Test
  void shouldRefuseAnExplicitGpuWhenThereIsNone() {
    ModelLoadException e = assertThrows(ModelLoadException.class, () -> DeviceSetting.GPU.resolve(0, "PyTorch"));
    assertTrue(e.getMessage().contains("--device gpu") && e.getMessage().contains("-Pcuda"), e.getMessage());
  }

  @Test
  void shouldRunABuiltInNetworkOnTheCpuWhenAutoFindsNoGpuOnThisMachine() {
    RuntimeSettings auto = RuntimeSettings.defaults().withDevice(DeviceSetting.AUTO);
    assertEquals(0, DjlRuntime.engine(DjlRuntime.PYTORCH, auto).getGpuCount(), "this test assumes a machine without GPU");
    assertEquals(Device.cpu(), DjlRuntime.device(DjlRuntime.PYTORCH, auto));
    try (TappedNetwork network = NetworkLoader.load(ModelCatalogue.defaults().entry("untrained-image-cnn"), auto)) {
      assertEquals("untrained-image-cnn", network.entry().id());
    }
    RuntimeSettings gpu = auto.withDevice(DeviceSetting.GPU);
    assertThrows(ModelLoadException.class,
        () -> NetworkLoader.load(ModelCatalogue.defaults().entry("untrained-image-cnn"), gpu));
  }

  @Test
  void shouldParseTheSettingAndRejectOthers() {
    assertEquals(DeviceSetting.GPU, DeviceSetting.parse("GPU"));
    assertThrows(IllegalArgumentException.class, () -> DeviceSetting.parse("tpu"));
  }
}
