package org.opencdp.testkit;

/** A reachable Redis server, shared by the tests of a JVM: use keys of the test's own. */
public record RedisServer(String host, int port) {

  /** As Lettuce and {@code spring.data.redis.url} expect it: {@code redis://host:port}. */
  public String uri() {
    return "redis://" + host + ":" + port;
  }
}
