package org.opencdp.gateway;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the gateway itself ({@code cdp.gateway.*}).
 *
 * @param platformAdminKey the platform admin key ({@code CDP_ADMIN_KEY}); when unset, one is
 *     generated on first start and written to the credentials file
 * @param keyCacheTtl how long a key lookup is trusted before the database is asked again: the
 *     longest a revoked key keeps working on a replica
 * @param credentialsFile where first start writes the local credentials; unset: no file, no
 *     generated admin key
 * @param demoTenant the tenant created on first start beside the credentials file; blank for none
 * @param connectTimeout how long connecting to a downstream may take before a 503
 * @param readTimeout how long a downstream may take to answer before a 504
 * @param maxConnections kept-alive connections the pooled client holds to the downstreams
 * @param httpClient which HTTP client the routes use
 */
@ConfigurationProperties("cdp.gateway")
public record GatewayProperties(
    String platformAdminKey,
    @DefaultValue("2s") Duration keyCacheTtl,
    Path credentialsFile,
    @DefaultValue("demo") String demoTenant,
    @DefaultValue("2s") Duration connectTimeout,
    @DefaultValue("60s") Duration readTimeout,
    @DefaultValue("200") int maxConnections,
    @DefaultValue("pooled") HttpClientKind httpClient) {

  /** The routes' HTTP client: the JDK's, or Apache HttpClient 5 with a connection pool. */
  public enum HttpClientKind {
    JDK,
    POOLED
  }

  public GatewayProperties {
    platformAdminKey =
        platformAdminKey == null || platformAdminKey.isBlank() ? null : platformAdminKey.strip();
    demoTenant = demoTenant == null ? "" : demoTenant.strip();
  }
}
