package org.opencdp.gateway.routing;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.opencdp.gateway.GatewayErrorCode;
import org.opencdp.gateway.keys.Caller;
import org.opencdp.gateway.keys.KeyAuthenticator;
import org.opencdp.servicekit.problem.PlatformErrorCode;
import org.opencdp.servicekit.problem.ProblemException;
import org.opencdp.servicekit.problem.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.PathContainer;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Lets a request in only with a live key that may use its route: authenticates every request but
 * the health and metrics endpoints, refuses keys in URLs, and checks the route's roles. The caller
 * it finds is a request attribute ({@link Caller#ATTRIBUTE}) for the routes and the admin API.
 */
public class AccessFilter extends OncePerRequestFilter {

  private static final Logger log = LoggerFactory.getLogger(AccessFilter.class);

  static final List<PathPattern> PUBLIC_PATHS =
      List.of("/actuator/health", "/actuator/health/**", "/actuator/prometheus").stream()
          .map(PathPatternParser.defaultInstance::parse)
          .toList();

  /** Query parameters that carry credentials in other APIs; a key never travels in a URL here. */
  private static final Set<String> KEY_PARAMETERS =
      Set.of(
          "key",
          "writekey",
          "write_key",
          "secretkey",
          "secret_key",
          "apikey",
          "api_key",
          "access_token",
          "token");

  private final KeyAuthenticator authenticator;

  public AccessFilter(KeyAuthenticator authenticator) {
    this.authenticator = authenticator;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Caller caller;
    Optional<PublicRoute> route;
    try {
      String path = plainPath(request);
      if (isPublic(path)) {
        chain.doFilter(request, response);
        return;
      }
      refuseKeysInUrl(request.getQueryString());
      caller = authenticator.authenticate(request.getHeader(HttpHeaders.AUTHORIZATION));
      route = PublicRoute.of(path);
      authorize(caller, route);
    } catch (ProblemException rejected) {
      // The path only: a query string might hold a key, and keys are never logged.
      log.debug("Refused {} {}: {}", request.getMethod(), request.getRequestURI(), rejected.code());
      if (rejected.code().status().value() == 401) {
        rejected.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer, Basic realm=\"opencdp\"");
      }
      Problems.write(response, request, rejected);
      return;
    }
    request.setAttribute(Caller.ATTRIBUTE, caller);
    request.setAttribute(PublicRoute.ATTRIBUTE, route);
    chain.doFilter(request, response);
  }

  /**
   * The path as the container normalised it, which must equal the raw one: a dotted, encoded or
   * {@code ;}-parameterised path could be matched as one route and reach another downstream.
   */
  private static String plainPath(HttpServletRequest request) {
    String path = request.getServletPath() + Objects.toString(request.getPathInfo(), "");
    String raw = request.getRequestURI().substring(request.getContextPath().length());
    if (!path.equals(raw)) {
      throw new ProblemException(
          PlatformErrorCode.MALFORMED_REQUEST, "The request path must be plain and normalised");
    }
    return path;
  }

  private static boolean isPublic(String path) {
    if (!path.startsWith("/actuator/")) {
      return false;
    }
    PathContainer container = PathContainer.parsePath(path);
    return PUBLIC_PATHS.stream().anyMatch(p -> p.matches(container));
  }

  static void refuseKeysInUrl(String query) {
    if (query == null || query.isEmpty()) {
      return;
    }
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq)).toLowerCase(Locale.ROOT);
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      if (KEY_PARAMETERS.contains(name) || value.startsWith("cdp_")) {
        throw new ProblemException(
                GatewayErrorCode.KEY_IN_URL,
                "Keys are never accepted in URLs: send them in the Authorization header, and"
                    + " rotate a key that has been in a URL")
            .field(name);
      }
    }
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException malformed) {
      return s;
    }
  }

  private static void authorize(Caller caller, Optional<PublicRoute> route) {
    if (route.isEmpty()) {
      return; // not a route of the gateway: an authenticated caller gets the 404
    }
    PublicRoute r = route.get();
    if (caller.isPlatformAdmin() && r.proxied()) {
      throw new ProblemException(
          GatewayErrorCode.ROLE_REQUIRED, "The platform admin key is for /v1/admin only");
    }
    if (!caller.hasAny(r.roles())) {
      throw new ProblemException(
          GatewayErrorCode.ROLE_REQUIRED,
          "This route needs a key with role "
              + String.join(
                  " or ", r.roles().stream().map(role -> role.wireName()).sorted().toList()));
    }
  }
}
