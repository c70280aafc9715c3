package org.opencdp.servicekit.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Readiness of the Kafka cluster: UP when the brokers answer a cluster description in time. Part of
 * the readiness group only: a broker outage should take a service out of rotation, not get it
 * restarted.
 */
public class KafkaHealthIndicator implements HealthIndicator, DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(KafkaHealthIndicator.class);

  private final Map<String, Object> adminConfig;
  private final Duration timeout;
  private Admin admin;

  /**
   * @param adminConfig the client settings of the application's {@code KafkaAdmin}
   * @param timeout how long one check may wait for the cluster
   */
  public KafkaHealthIndicator(Map<String, Object> adminConfig, Duration timeout) {
    this.timeout = timeout;
    Map<String, Object> config = new HashMap<>(adminConfig);
    int millis = (int) timeout.toMillis();
    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
    config.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "opencdp-health");
    this.adminConfig = Map.copyOf(config);
  }

  @Override
  public Health health() {
    try {
      DescribeClusterResult cluster =
          admin().describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()));
      long wait = timeout.toMillis() + 500;
      String clusterId = cluster.clusterId().get(wait, TimeUnit.MILLISECONDS);
      int nodes = cluster.nodes().get(wait, TimeUnit.MILLISECONDS).size();
      return Health.up().withDetail("clusterId", clusterId).withDetail("nodes", nodes).build();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Health.down().withDetail("error", "interrupted").build();
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      // Logged quietly: a probe polls every few seconds and the DOWN status already says it.
      Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
      log.debug("Kafka is not reachable", cause);
      return Health.down().withDetail("error", cause.getClass().getSimpleName()).build();
    }
  }

  private synchronized Admin admin() {
    if (admin == null) {
      admin = Admin.create(adminConfig);
    }
    return admin;
  }

  @Override
  public synchronized void destroy() {
    if (admin != null) {
      admin.close(Duration.ofSeconds(1));
      admin = null;
    }
  }
}
