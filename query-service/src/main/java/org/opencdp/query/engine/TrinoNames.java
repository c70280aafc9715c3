package org.opencdp.query.engine;

/**
 * How a tenant is named in Trino: schema and user {@code t_<tenant>}, with {@code _} written {@code
 * _u} and {@code -} written {@code _d}, so every tenant id maps to a distinct plain identifier
 * (tenant ids are {@code [a-z0-9][a-z0-9_-]*}).
 */
public final class TrinoNames {

  private TrinoNames() {}

  public static String schema(String tenantId) {
    return "t_" + tenantId.replace("_", "_u").replace("-", "_d");
  }

  /** The Trino user a tenant's queries run as: the same name as its schema. */
  public static String user(String tenantId) {
    return schema(tenantId);
  }

  /** The tenant a schema name stands for: {@link #schema} read backwards. */
  public static String tenant(String schema) {
    String encoded = schema.substring(2);
    StringBuilder tenant = new StringBuilder(encoded.length());
    for (int i = 0; i < encoded.length(); i++) {
      char c = encoded.charAt(i);
      if (c == '_' && i + 1 < encoded.length()) {
        tenant.append(encoded.charAt(++i) == 'd' ? '-' : '_');
      } else {
        tenant.append(c);
      }
    }
    return tenant.toString();
  }
}
