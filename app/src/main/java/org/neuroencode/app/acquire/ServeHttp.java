package org.neuroencode.app.acquire;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;

/**
 * A client of `neuroencode serve`: one bearer token, JSON replies. A status outside the accepted set fails with
 * one line naming the request and the service's error; the token never appears in a message.
 */
final class ServeHttp {
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();
  private final URI base;
  private final String token;

  ServeHttp(String url, String token) {
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException("a bearer token is required (--token or NEUROENCODE_TOKEN)");
    }
    this.base = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    this.token = token;
  }

  record Reply(int status, String body) {}

  Reply put(String path, String contentType, byte[] body, Set<Integer> accepted) throws IOException, InterruptedException {
    return send(request(path, contentType).PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(), "PUT", path, accepted);
  }

  Reply post(String path, String contentType, byte[] body, Set<Integer> accepted) throws IOException, InterruptedException {
    return send(request(path, contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), "POST", path, accepted);
  }

  private HttpRequest.Builder request(String path, String contentType) {
    return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
        .header("Authorization", "Bearer " + token).header("Content-Type", contentType);
  }

  private Reply send(HttpRequest request, String method, String path, Set<Integer> accepted)
      throws IOException, InterruptedException {
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (java.net.ConnectException e) {
      throw new IOException("cannot reach " + base + " (is 'neuroencode serve' running?)");
    }
    if (!accepted.contains(response.statusCode())) {
      throw new IOException(method + " " + base + path + " answered " + response.statusCode() + ": " + response.body());
    }
    return new Reply(response.statusCode(), response.body());
  }
}
