package org.opencdp.query.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.opencdp.query.lake.LakeVersion;

/**
 * One query of one tenant, ready for an engine.
 *
 * @param tenantId whose data it may read: the engine scopes every table to it
 * @param sql the SQL (guarded unless the guard is switched off)
 * @param parameters values for the {@code ?} placeholders, in order
 * @param maxRows rows to return; one more is read to tell whether the result was truncated
 * @param timeout time limit, after which the query is cancelled
 * @param lake the tenant's lake as listed just before the query
 */
public record TenantQuery(
    String tenantId,
    String sql,
    List<Object> parameters,
    int maxRows,
    Duration timeout,
    LakeVersion lake) {

  public TenantQuery {
    parameters = Collections.unmodifiableList(new ArrayList<>(parameters)); // nulls allowed
  }
}
