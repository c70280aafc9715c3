package org.opencdp.testkit;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Servers already running on this machine (or wherever the host/port settings point). */
final class LocalServers implements InfrastructureProvider {

  /** Long enough for a loopback or LAN server, short enough that a missing one costs nothing. */
  private static final int PROBE_TIMEOUT_MS = 300;

  private final Settings settings;

  LocalServers(Settings settings) {
    this.settings = settings;
  }

  @Override
  public String name() {
    return "local server";
  }

  @Override
  public PostgresServer postgres() throws Unavailable {
    String host = settings.postgresHost();
    int port = settings.postgresPort();
    probe(host, port);
    List<String> refusals = new ArrayList<>();
    for (String user : candidateUsers()) {
      var server = new PostgresServer(host, port, user, settings.postgresPassword());
      try {
        server.requireCreateDatabase();
        return server;
      } catch (SQLException refusal) {
        refusals.add(user + ": " + refusal.getMessage());
      }
    }
    throw new Unavailable(
        "%s:%d answered, but no user could create databases: %s"
            .formatted(host, port, String.join(", ", refusals)));
  }

  @Override
  public RedisServer redis() throws Unavailable {
    String host = settings.redisHost();
    int port = settings.redisPort();
    probe(host, port);
    return new RedisServer(host, port);
  }

  /** The configured user first, then the usual superusers of a developer machine. */
  private Set<String> candidateUsers() {
    Set<String> users = new LinkedHashSet<>();
    settings.postgresUser().ifPresent(users::add);
    users.add("postgres");
    users.add("root");
    users.add(System.getProperty("user.name"));
    return users;
  }

  private static void probe(String host, int port) throws Unavailable {
    try (var socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), PROBE_TIMEOUT_MS);
    } catch (IOException e) {
      throw new Unavailable(
          "nothing answered at %s:%d within %d ms".formatted(host, port, PROBE_TIMEOUT_MS));
    }
  }
}
