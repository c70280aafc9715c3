package org.opencdp.testkit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Testcontainers, where a Docker engine answers. PostgreSQL and Redis run one container per JVM
 * (tests get databases of their own inside it); every Kafka broker is a container of its own.
 * Testcontainers' reaper removes what is left at JVM exit.
 */
final class Containers implements InfrastructureProvider {

  private static final Logger log = LoggerFactory.getLogger(Containers.class);
  private static final int REDIS_PORT = 6379;

  private static Boolean dockerAvailable; // guarded by Containers.class
  private static PostgreSQLContainer postgres; // guarded by Containers.class
  private static GenericContainer<?> redis; // guarded by Containers.class

  private final Settings settings;

  Containers(Settings settings) {
    this.settings = settings;
  }

  @Override
  public String name() {
    return "Testcontainers";
  }

  @Override
  public KafkaBroker startKafka() throws Unavailable {
    requireDocker();
    var container =
        new KafkaContainer(image("kafka", "apache/kafka:4.1.2"))
            // Testcontainers sets single-node values for offsets and transactions, not for shares
            .withEnv("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR", "1")
            .withEnv("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR", "1");
    container.start();
    log.info(
        "Kafka container {} up at {}",
        container.getDockerImageName(),
        container.getBootstrapServers());
    return new RunningBroker(container.getBootstrapServers(), "Kafka container", container::stop);
  }

  @Override
  public PostgresServer postgres() throws Unavailable {
    requireDocker();
    synchronized (Containers.class) {
      if (postgres == null) {
        var container = new PostgreSQLContainer(image("postgres", "postgres:17-alpine"));
        container.start();
        postgres = container;
      }
      return new PostgresServer(
          postgres.getHost(),
          postgres.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT),
          postgres.getUsername(),
          postgres.getPassword());
    }
  }

  @Override
  public RedisServer redis() throws Unavailable {
    requireDocker();
    synchronized (Containers.class) {
      if (redis == null) {
        GenericContainer<?> container =
            new GenericContainer<>(image("redis", "redis:7-alpine")).withExposedPorts(REDIS_PORT);
        container.start();
        redis = container;
      }
      return new RedisServer(redis.getHost(), redis.getMappedPort(REDIS_PORT));
    }
  }

  /** An overriding image, say from a mirror, still counts as the kind the module expects. */
  private DockerImageName image(String kind, String fallback) {
    String official = DockerImageName.parse(fallback).getUnversionedPart();
    return DockerImageName.parse(settings.image(kind, fallback))
        .asCompatibleSubstituteFor(official);
  }

  private static void requireDocker() throws Unavailable {
    boolean available;
    synchronized (Containers.class) {
      // asked once: without an engine, each question costs time and a page of log
      if (dockerAvailable == null) {
        dockerAvailable = DockerClientFactory.instance().isDockerAvailable();
      }
      available = dockerAvailable;
    }
    if (!available) {
      throw new Unavailable("no Docker engine answered");
    }
  }
}
