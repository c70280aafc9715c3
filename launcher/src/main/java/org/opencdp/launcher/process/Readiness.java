package org.opencdp.launcher.process;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A check that a process is ready to serve. */
@FunctionalInterface
public interface Readiness {

  /** The state seen now; never throws. */
  State check();

  /** What a readiness check saw. */
  enum State {
    READY,
    NOT_READY,
    NOT_LISTENING
  }

  /** Ready as soon as something accepts connections on the port. */
  static Readiness tcp(int port) {
    return () -> {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
        return State.READY;
      } catch (IOException e) {
        return State.NOT_LISTENING;
      }
    };
  }

  /** Ready when {@code GET url} answers 200 (Spring Boot's readiness group). */
  static Readiness http(HttpClient client, String url) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).GET().build();
    return () -> {
      try {
        int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        return status == 200 ? State.READY : State.NOT_READY;
      } catch (IOException e) {
        return State.NOT_LISTENING;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return State.NOT_READY;
      }
    };
  }

  /** Always ready once started (a process with nothing to probe). */
  static Readiness started() {
    return () -> State.READY;
  }
}
