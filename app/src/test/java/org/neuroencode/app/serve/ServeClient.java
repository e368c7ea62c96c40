package org.neuroencode.app.serve;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** A real-socket client of the service, as a scanner-side script would be. */
final class ServeClient {
  // HTTP/1.1: the JDK client would otherwise try an h2c upgrade on every request
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();
  private final int port;
  private final String token;

  ServeClient(int port, String token) {
    this.port = port;
    this.token = token;
  }

  /** The same service, reached with another token (null: none). */
  ServeClient withToken(String otherToken) {
    return new ServeClient(port, otherToken);
  }

  static String responsesPath(String experiment, String subject, String stimulus, String roi, int repetition) {
    return "/v1/experiments/" + experiment + "/subjects/" + subject + "/responses?stimulus=" + stimulus
        + "&roi=" + roi + "&repetition=" + repetition;
  }

  CompletableFuture<HttpResponse<String>> postAsync(String path, String contentType, byte[] body) {
    HttpRequest.Builder request = request(path).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String path, String contentType, byte[] body) {
    return postAsync(path, contentType, body).join();
  }

  HttpResponse<String> put(String path, String contentType, byte[] body) {
    HttpRequest.Builder request = request(path).header("Content-Type", contentType)
        .PUT(HttpRequest.BodyPublishers.ofByteArray(body));
    return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()).join();
  }

  HttpResponse<String> get(String path) {
    return http.sendAsync(request(path).GET().build(), HttpResponse.BodyHandlers.ofString()).join();
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30));
    return token == null ? request : request.header("Authorization", "Bearer " + token);
  }
}
