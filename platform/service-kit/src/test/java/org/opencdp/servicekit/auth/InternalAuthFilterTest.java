package org.opencdp.servicekit.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.ServletException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.opencdp.servicekit.tenant.CallerIdentity;
import org.opencdp.servicekit.tenant.Role;
import org.opencdp.servicekit.tenant.TenantContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class InternalAuthFilterTest {

  private static final InternalTokenKeys KEYS = InternalTokenKeys.generate();
  private static final CallerIdentity CALLER =
      new CallerIdentity("acme", "sk-1", Set.of(Role.ADMIN), null);

  private final InternalTokenSigner signer =
      new InternalTokenSigner(KEYS, AuthProperties.defaults());
  private final InternalTokenVerifier verifier =
      new InternalTokenVerifier(KEYS, AuthProperties.defaults());

  @Test
  void setsTheCallerForTheChainAndClearsItAfterwards() throws Exception {
    AtomicReference<CallerIdentity> seen = new AtomicReference<>();
    MockHttpServletRequest request = request("/v1/things");
    request.addHeader("Authorization", "Bearer " + signer.sign(CALLER));

    filter(List.of())
        .doFilter(
            request,
            new MockHttpServletResponse(),
            (req, res) -> seen.set(TenantContext.current()));

    assertThat(seen.get()).isEqualTo(CALLER);
    assertThat(TenantContext.find()).isEmpty();
  }

  @Test
  void clearsTheCallerEvenWhenTheChainFails() {
    MockHttpServletRequest request = request("/v1/things");
    request.addHeader("Authorization", "Bearer " + signer.sign(CALLER));

    assertThatThrownBy(
            () ->
                filter(List.of())
                    .doFilter(
                        request,
                        new MockHttpServletResponse(),
                        (req, res) -> {
                          throw new ServletException("downstream failure");
                        }))
        .hasMessage("downstream failure");
    assertThat(TenantContext.find()).isEmpty();
  }

  @Test
  void neverContinuesAnUnauthenticatedRequest() throws Exception {
    AtomicInteger reached = new AtomicInteger();
    MockHttpServletResponse response = new MockHttpServletResponse();

    filter(List.of())
        .doFilter(request("/v1/things"), response, (req, res) -> reached.incrementAndGet());

    assertThat(reached).hasValue(0);
    assertThat(response.getStatus()).isEqualTo(401);
    assertThat(response.getHeader("WWW-Authenticate")).isEqualTo("Bearer");
    assertThat(response.getContentType()).isEqualTo("application/problem+json");
  }

  @Test
  void asksResolversInOrderUntilOneAnswers() throws Exception {
    AtomicInteger asked = new AtomicInteger();
    CredentialResolver none =
        req -> {
          asked.incrementAndGet();
          return Optional.empty();
        };
    CredentialResolver writeKey =
        req -> {
          asked.incrementAndGet();
          return Optional.of(new CallerIdentity("acme", "wk-1", Set.of(Role.WRITE), null));
        };
    AtomicReference<CallerIdentity> seen = new AtomicReference<>();

    filter(List.of(none, writeKey, none))
        .doFilter(
            request("/v1/track"),
            new MockHttpServletResponse(),
            (req, res) -> seen.set(TenantContext.current()));

    assertThat(asked).hasValue(2);
    assertThat(seen.get().keyId()).isEqualTo("wk-1");
  }

  @Test
  void letsPublicPathsThroughWithoutACredential() throws Exception {
    AtomicInteger reached = new AtomicInteger();

    filter(List.of())
        .doFilter(
            request("/actuator/health/readiness"),
            new MockHttpServletResponse(),
            (req, res) -> reached.incrementAndGet());

    assertThat(reached).hasValue(1);
  }

  private InternalAuthFilter filter(List<CredentialResolver> resolvers) {
    return new InternalAuthFilter(verifier, resolvers, AuthProperties.DEFAULT_PUBLIC_PATHS);
  }

  private static MockHttpServletRequest request(String path) {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
    request.setServletPath(path);
    return request;
  }
}
