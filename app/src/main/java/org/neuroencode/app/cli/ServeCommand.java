package org.neuroencode.app.cli;

import java.util.concurrent.Callable;
import org.neuroencode.app.serve.ServeConfig;
import org.neuroencode.app.serve.ServeService;
import org.neuroencode.core.topic.TopicAdmin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Run the live-acquisition HTTP service: validated responses posted as JSON or NPY go to the "
        + "responses topic, each stored once.")
public final class ServeCommand implements Callable<Integer> {
  @Mixin KafkaOptions kafka;

  @Option(names = "--port", description = "HTTP port (default: ${DEFAULT-VALUE}).", defaultValue = "8080")
  int port;

  @Option(names = "--host", description = "Address to listen on (default: ${DEFAULT-VALUE}).", defaultValue = "0.0.0.0")
  String host;

  // no ${DEFAULT-VALUE} in the description: --help must not print the token
  @Option(names = "--token", description = "Bearer token every request must carry (default: $NEUROENCODE_TOKEN).",
      defaultValue = "${env:NEUROENCODE_TOKEN}")
  String token;

  @Option(names = "--max-body-bytes", description = "Largest request body; larger ones get 413 (default: ${DEFAULT-VALUE}).",
      defaultValue = "16777216")
  long maxBodyBytes;

  @Override
  public Integer call() throws Exception {
    ServeConfig config = new ServeConfig(host, port, token, maxBodyBytes);
    TopicAdmin.ensureTopics(kafka.settings(), (short) 1);
    ServeService service = ServeService.start(kafka.settings(), config);
    System.out.println("serving on http://" + host + ":" + service.port() + "/v1/experiments/");
    return RunUntilStopped.await("serve", service);
  }
}
