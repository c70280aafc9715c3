package org.opencdp.servicekit.auth;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.opencdp.servicekit.tenant.CallerIdentity;

/**
 * A kind of credential a service accepts besides the internal token (ingest-service's write keys).
 * Register implementations as beans; the auth filter asks them in {@code @Order}.
 */
public interface CredentialResolver {

  /**
   * The caller the request's credential stands for; empty when the request carries no credential of
   * this kind.
   *
   * @throws org.opencdp.servicekit.problem.ProblemException with code {@code UNAUTHENTICATED} when
   *     the request carries this kind of credential but it is not valid
   */
  Optional<CallerIdentity> resolve(HttpServletRequest request);
}
