package org.neuroencode.app.cli;

import java.util.concurrent.CountDownLatch;

/** Keeps a long-running stage alive until Ctrl-C, then closes it. */
final class RunUntilStopped {
  private RunUntilStopped() {}

  static int await(String what, AutoCloseable stage) throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        stage.close();
      } catch (Exception ignored) {
        // shutting down anyway
      }
      stopped.countDown();
    }, what + "-shutdown"));
    System.out.println(what + " running; Ctrl-C stops it");
    stopped.await();
    return 0;
  }
}
