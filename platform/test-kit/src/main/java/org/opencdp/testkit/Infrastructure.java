package org.opencdp.testkit;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The one way tests obtain real infrastructure. How each piece is obtained is chosen by {@code
 * cdp.test.infra} ({@code CDP_TEST_INFRA}): {@code auto} (the default), {@code local} or {@code
 * containers}; where the machine cannot supply a piece, the test is aborted, not failed.
 */
public final class Infrastructure {

  private static KafkaBroker sharedKafka; // guarded by Infrastructure.class

  private Infrastructure() {}

  /** A broker shared by every test in this JVM: started once, lazily, stopped at JVM exit. */
  public static synchronized KafkaBroker kafka() {
    if (sharedKafka == null) {
      sharedKafka = new SharedBroker(plan().startKafka());
    }
    return sharedKafka;
  }

  /**
   * A broker of the test's own, e.g. to stop it and prove the service's behaviour when Kafka is
   * down. Caller closes it.
   */
  public static KafkaBroker dedicatedKafka() {
    return plan().startKafka();
  }

  /**
   * A fresh, empty database of the caller's own, on the local server at 127.0.0.1:5432 when it
   * answers ({@code cdp.test.postgres.host/port/user/password}), else in a container when Docker
   * works, else the test is aborted. Databases are dropped at JVM exit.
   */
  public static PostgresDatabase postgres() {
    return plan().postgresServer().createDatabase();
  }

  /**
   * Redis at 127.0.0.1:6379 when it answers ({@code cdp.test.redis.host/port}), else a container
   * when Docker works, else the test is aborted. Shared by the JVM's tests: use keys of your own.
   */
  public static RedisServer redis() {
    return plan().redisServer();
  }

  /**
   * Registers {@code spring.kafka.bootstrap-servers} of the shared broker, for a Spring test's
   * {@code @DynamicPropertySource}; the broker starts when the property is first read.
   */
  public static void registerKafka(DynamicPropertyRegistry registry) {
    registry.add("spring.kafka.bootstrap-servers", () -> kafka().bootstrapServers());
  }

  private static Plan plan() {
    return Plan.from(Settings.current());
  }
}
