package org.opencdp.gateway.routing;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.opencdp.servicekit.tenant.Role;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The public paths of ARCHITECTURE and what each needs: the service behind it, the roles a key must
 * hold (any one), and its route class. {@code /v1/admin/**} is served by the gateway itself.
 */
public record PublicRoute(
    List<PathPattern> patterns, Downstream downstream, Set<Role> roles, RouteClass routeClass) {

  private static final PathPatternParser PARSER = PathPatternParser.defaultInstance;

  static final PublicRoute ADMIN =
      new PublicRoute(
          patterns("/v1/admin/**"),
          null,
          EnumSet.of(Role.PLATFORM_ADMIN, Role.ADMIN),
          RouteClass.ADMIN);

  static final List<PublicRoute> ALL =
      List.of(
          ADMIN,
          new PublicRoute(
              patterns("/v1/import", "/v1/import/**"),
              Downstream.INGEST,
              EnumSet.of(Role.WRITE),
              RouteClass.IMPORT),
          new PublicRoute(
              patterns(
                  "/v1/track",
                  "/v1/identify",
                  "/v1/page",
                  "/v1/screen",
                  "/v1/group",
                  "/v1/alias",
                  "/v1/batch",
                  "/v1/documents"),
              Downstream.INGEST,
              EnumSet.of(Role.WRITE),
              RouteClass.INGEST),
          new PublicRoute(
              patterns("/v1/quality/**", "/v1/lineage/**"),
              Downstream.QUALITY,
              EnumSet.of(Role.ANALYST, Role.ADMIN),
              RouteClass.QUERY),
          new PublicRoute(
              patterns("/v1/query/**"),
              Downstream.QUERY,
              EnumSet.of(Role.ANALYST),
              RouteClass.QUERY),
          new PublicRoute(
              patterns("/v1/knowledge/**"),
              Downstream.INSIGHT,
              EnumSet.of(Role.ANALYST),
              RouteClass.AI),
          new PublicRoute(
              patterns("/v1/insights/**"),
              Downstream.INSIGHT,
              EnumSet.of(Role.ANALYST),
              RouteClass.QUERY),
          new PublicRoute(
              patterns("/v1/reports/**"),
              Downstream.REPORT,
              EnumSet.of(Role.ANALYST),
              RouteClass.QUERY),
          new PublicRoute(
              patterns("/v1/recommendations/**"),
              Downstream.RECOMMEND,
              EnumSet.of(Role.APP),
              RouteClass.QUERY),
          new PublicRoute(
              patterns("/v1/profiles/**", "/v1/experiments/**"),
              Downstream.RECOMMEND,
              EnumSet.of(Role.APP, Role.ANALYST),
              RouteClass.QUERY));

  public PublicRoute {
    patterns = List.copyOf(patterns);
    roles = Set.copyOf(roles);
  }

  /** The request attribute holding the route the access filter found (an {@link Optional}). */
  static final String ATTRIBUTE = PublicRoute.class.getName();

  /** The route of a request: the one the access filter found for it, or found now from its URI. */
  public static Optional<PublicRoute> of(HttpServletRequest request) {
    if (request.getAttribute(ATTRIBUTE) instanceof Optional<?> found) {
      return found.map(PublicRoute.class::cast);
    }
    return of(request.getRequestURI());
  }

  /** The route a request path belongs to; empty for paths the gateway does not serve. */
  public static Optional<PublicRoute> of(String path) {
    PathContainer container = PathContainer.parsePath(path);
    return ALL.stream()
        .filter(r -> r.patterns.stream().anyMatch(p -> p.matches(container)))
        .findFirst();
  }

  boolean proxied() {
    return downstream != null;
  }

  private static List<PathPattern> patterns(String... paths) {
    return Arrays.stream(paths).map(PARSER::parse).toList();
  }
}
