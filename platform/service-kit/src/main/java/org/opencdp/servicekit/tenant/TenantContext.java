package org.opencdp.servicekit.tenant;

import java.util.Optional;
import org.opencdp.servicekit.problem.PlatformErrorCode;
import org.opencdp.servicekit.problem.ProblemException;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * The caller of the work in progress. The auth filter sets it for each request and clears it when
 * the request ends; other code (a Kafka listener acting for a tenant) sets and clears it itself.
 */
public final class TenantContext {

  /** The request attribute holding the {@link CallerIdentity}, for async and error dispatches. */
  public static final String REQUEST_ATTRIBUTE = CallerIdentity.class.getName();

  private static final ThreadLocal<CallerIdentity> CURRENT = new ThreadLocal<>();

  private TenantContext() {}

  /** The caller, or a 401 problem when nobody has been authenticated. */
  public static CallerIdentity current() {
    return find()
        .orElseThrow(
            () ->
                new ProblemException(PlatformErrorCode.UNAUTHENTICATED, "No authenticated caller"));
  }

  public static Optional<CallerIdentity> find() {
    CallerIdentity identity = CURRENT.get();
    if (identity != null) {
      return Optional.of(identity);
    }
    // A request continued on another thread (async dispatch) still carries its attribute.
    RequestAttributes request = RequestContextHolder.getRequestAttributes();
    if (request != null
        && request.getAttribute(REQUEST_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST)
            instanceof CallerIdentity attribute) {
      return Optional.of(attribute);
    }
    return Optional.empty();
  }

  /** Makes {@code identity} the caller on this thread; pair with {@link #clear()} in finally. */
  public static void set(CallerIdentity identity) {
    CURRENT.set(identity);
  }

  public static void clear() {
    CURRENT.remove();
  }
}
