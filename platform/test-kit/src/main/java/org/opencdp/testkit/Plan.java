package org.opencdp.testkit;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/** Which providers may supply each kind of infrastructure under a mode, in order of preference. */
record Plan(
    Mode mode,
    List<InfrastructureProvider> kafka,
    List<InfrastructureProvider> postgres,
    List<InfrastructureProvider> redis) {

  static Plan from(Settings settings) {
    var inProcess = new InProcess();
    var local = new LocalServers(settings);
    var containers = new Containers(settings);
    Mode mode = settings.mode();
    return switch (mode) {
      case AUTO ->
          new Plan(
              mode, List.of(inProcess), List.of(local, containers), List.of(local, containers));
      case CONTAINERS ->
          new Plan(mode, List.of(containers), List.of(containers), List.of(containers));
      case LOCAL -> new Plan(mode, List.of(inProcess), List.of(local), List.of(local));
    };
  }

  KafkaBroker startKafka() {
    return firstAvailable(
        "Kafka", kafka, InfrastructureProvider::startKafka, "use cdp.test.infra=auto or local");
  }

  PostgresServer postgresServer() {
    return firstAvailable(
        "PostgreSQL",
        postgres,
        InfrastructureProvider::postgres,
        "start PostgreSQL there, point cdp.test.postgres.host/port/user at one, or make Docker"
            + " available");
  }

  RedisServer redisServer() {
    return firstAvailable(
        "Redis",
        redis,
        InfrastructureProvider::redis,
        "start Redis there, point cdp.test.redis.host/port at one, or make Docker available");
  }

  /** Aborts the test, rather than failing it, when no provider can help: the machine lacks it. */
  private <T> T firstAvailable(
      String what, List<InfrastructureProvider> providers, Step<T> step, String hint) {
    List<String> tried = new ArrayList<>();
    for (InfrastructureProvider provider : providers) {
      try {
        return step.from(provider);
      } catch (Unavailable reason) {
        tried.add(provider.name() + " (" + reason.getMessage() + ")");
      }
    }
    return Assumptions.abort(
        "No %s for this test (cdp.test.infra=%s). Tried: %s. To run it, %s."
            .formatted(what, mode.key(), String.join("; ", tried), hint));
  }

  @FunctionalInterface
  private interface Step<T> {
    T from(InfrastructureProvider provider) throws Unavailable;
  }
}
