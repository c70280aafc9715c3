package org.opencdp.servicekit.auth;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.opencdp.servicekit.problem.PlatformErrorCode;
import org.opencdp.servicekit.problem.ProblemException;
import org.opencdp.servicekit.problem.Problems;
import org.opencdp.servicekit.tenant.CallerIdentity;
import org.opencdp.servicekit.tenant.TenantContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.PathContainer;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Lets a request reach the service only with the gateway's internal token (or a credential a {@link
 * CredentialResolver} accepts), and makes its caller the {@link TenantContext}.
 */
public class InternalAuthFilter extends OncePerRequestFilter {

  private static final Logger log = LoggerFactory.getLogger(InternalAuthFilter.class);

  static final String CHALLENGE = "Bearer";

  /** Three base64url parts; the last is empty for an unsigned token, refused with its reason. */
  private static final Pattern JWT_SHAPE =
      Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");

  private static final String SECRET_KEY_PREFIX = "cdp_sk_";

  private final InternalTokenVerifier verifier;
  private final List<CredentialResolver> resolvers;
  private final List<PathPattern> publicPaths;

  public InternalAuthFilter(
      InternalTokenVerifier verifier,
      List<CredentialResolver> resolvers,
      List<String> publicPaths) {
    this.verifier = verifier;
    this.resolvers = List.copyOf(resolvers);
    this.publicPaths = publicPaths.stream().map(PathPatternParser.defaultInstance::parse).toList();
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = request.getServletPath() + Objects.toString(request.getPathInfo(), "");
    String raw = request.getRequestURI().substring(request.getContextPath().length());
    // Only a plain path is exempt. An encoded, dotted or ;-parameterised one could look public to
    // the matcher yet reach a protected endpoint once the container has normalised it.
    if (!path.equals(raw)) {
      return false;
    }
    PathContainer container = PathContainer.parsePath(path);
    return publicPaths.stream().anyMatch(pattern -> pattern.matches(container));
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    CallerIdentity caller;
    try {
      caller = authenticate(request);
    } catch (ProblemException rejected) {
      log.debug(
          "Rejected {} {}: {}", request.getMethod(), request.getRequestURI(), rejected.detail());
      if (!rejected.headers().containsKey(HttpHeaders.WWW_AUTHENTICATE)) {
        rejected.header(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE);
      }
      Problems.write(response, request, rejected);
      return;
    }
    request.setAttribute(TenantContext.REQUEST_ATTRIBUTE, caller);
    TenantContext.set(caller);
    try {
      chain.doFilter(request, response);
    } finally {
      TenantContext.clear();
    }
  }

  private CallerIdentity authenticate(HttpServletRequest request) {
    String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
    String bearer = bearerToken(authorization);
    if (bearer != null && bearer.startsWith(SECRET_KEY_PREFIX)) {
      throw unauthenticated(
          "Services accept only the gateway's internal token: send secret keys to the gateway");
    }
    if (bearer != null && JWT_SHAPE.matcher(bearer).matches()) {
      return verifier.verify(bearer);
    }
    for (CredentialResolver resolver : resolvers) {
      Optional<CallerIdentity> caller = resolver.resolve(request);
      if (caller.isPresent()) {
        return caller.get();
      }
    }
    if (authorization == null) {
      throw unauthenticated("Authentication required: this service accepts the gateway's token");
    }
    throw unauthenticated(
        "The credential is not accepted: this service accepts the gateway's token");
  }

  private static String bearerToken(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    return authorization.substring(7).strip();
  }

  private static ProblemException unauthenticated(String detail) {
    return new ProblemException(PlatformErrorCode.UNAUTHENTICATED, detail);
  }
}
