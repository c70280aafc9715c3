package org.opencdp.testkit;

/**
 * One way of obtaining infrastructure: in this JVM, from servers already running, or from
 * containers. A provider offers only some kinds; {@link Plan} asks it only for those.
 */
interface InfrastructureProvider {

  /** Named in abort messages. */
  String name();

  /** A new broker of the caller's own. */
  default KafkaBroker startKafka() throws Unavailable {
    throw new Unavailable("offers no Kafka");
  }

  default PostgresServer postgres() throws Unavailable {
    throw new Unavailable("offers no PostgreSQL");
  }

  default RedisServer redis() throws Unavailable {
    throw new Unavailable("offers no Redis");
  }
}
