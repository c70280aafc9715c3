package org.opencdp.ingest.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.opencdp.ingest.IngestClient;
import org.opencdp.ingest.IngestProperties;
import org.opencdp.servicekit.problem.ProblemException;
import org.opencdp.servicekit.tenant.CallerIdentity;
import org.opencdp.servicekit.tenant.Role;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.util.unit.DataSize;

class WriteKeysTest {

  private static WriteKeys keys(String configured) {
    return new WriteKeys(
        new IngestProperties(
            configured,
            Duration.ofSeconds(5),
            Duration.ofSeconds(5),
            DataSize.ofKilobytes(32),
            DataSize.ofKilobytes(500),
            10_000,
            DataSize.ofMegabytes(2),
            1000,
            1000));
  }

  private static MockHttpServletRequest withAuthorization(String value) {
    MockHttpServletRequest request = new MockHttpServletRequest("POST", "/v1/track");
    if (value != null) {
      request.addHeader("Authorization", value);
    }
    return request;
  }

  @Test
  void resolvesAConfiguredKeyToItsTenantAndSource() {
    CallerIdentity caller =
        keys("cdp_wk_a=acme:web, cdp_wk_b=globex")
            .resolve(withAuthorization(IngestClient.basic("cdp_wk_a")))
            .orElseThrow();
    assertThat(caller.tenantId()).isEqualTo("acme");
    assertThat(caller.sourceId()).isEqualTo("web");
    assertThat(caller.roles()).containsExactly(Role.WRITE);
  }

  @Test
  void derivesASourceIdThatDoesNotRevealTheKey() {
    CallerIdentity caller =
        keys("cdp_wk_b=globex")
            .resolve(withAuthorization(IngestClient.basic("cdp_wk_b")))
            .orElseThrow();
    assertThat(caller.tenantId()).isEqualTo("globex");
    assertThat(caller.sourceId()).startsWith("wk-").doesNotContain("cdp_wk_b");
  }

  @Test
  void leavesRequestsWithoutBasicAuthToOtherResolvers() {
    assertThat(keys("cdp_wk_a=acme").resolve(withAuthorization(null))).isEmpty();
    assertThat(keys("cdp_wk_a=acme").resolve(withAuthorization("Bearer x.y.z"))).isEmpty();
  }

  @Test
  void refusesAnUnknownKey() {
    assertThatThrownBy(
            () -> keys("cdp_wk_a=acme").resolve(withAuthorization(IngestClient.basic("cdp_wk_x"))))
        .isInstanceOf(ProblemException.class)
        .hasMessageContaining("not known");
  }

  @Test
  void refusesAMalformedConfiguration() {
    assertThatThrownBy(() -> keys("cdp_wk_a")).isInstanceOf(IllegalArgumentException.class);
  }
}
