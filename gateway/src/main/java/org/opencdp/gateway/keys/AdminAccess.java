package org.opencdp.gateway.keys;

import jakarta.servlet.http.HttpServletRequest;
import org.opencdp.gateway.GatewayErrorCode;
import org.opencdp.servicekit.problem.PlatformErrorCode;
import org.opencdp.servicekit.problem.ProblemException;
import org.opencdp.servicekit.tenant.Role;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** Who may use the admin API: the platform admin everywhere, a tenant's admin key on its tenant. */
public final class AdminAccess {

  private AdminAccess() {}

  public static Caller requirePlatformAdmin() {
    Caller caller = current();
    if (!caller.isPlatformAdmin()) {
      throw new ProblemException(
          GatewayErrorCode.ROLE_REQUIRED, "Only the platform admin key may do this");
    }
    return caller;
  }

  /** The platform admin, or a secret key with role admin of {@code tenantId} itself. */
  public static Caller requireTenantAdmin(String tenantId) {
    Caller caller = current();
    if (caller.isPlatformAdmin()) {
      return caller;
    }
    if (caller.kind() != KeyKind.SECRET || !caller.roles().contains(Role.ADMIN)) {
      throw new ProblemException(
          GatewayErrorCode.ROLE_REQUIRED, "This needs a key with role admin");
    }
    if (!caller.tenantId().equals(tenantId)) {
      throw new ProblemException(
          GatewayErrorCode.TENANT_FORBIDDEN, "A tenant's key may manage only its own tenant");
    }
    return caller;
  }

  private static Caller current() {
    HttpServletRequest request =
        ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes()).getRequest();
    return Caller.of(request)
        .orElseThrow(
            () -> new ProblemException(PlatformErrorCode.UNAUTHENTICATED, "No authenticated key"));
  }
}
