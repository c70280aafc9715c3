package org.opencdp.servicekit.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencdp.servicekit.tenant.CallerIdentity;
import org.opencdp.servicekit.tenant.Role;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;

class InternalAuthAutoConfigurationTest {

  @TempDir Path dir;

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(InternalAuthAutoConfiguration.class));

  @Test
  void generatesTheKeyFileOnFirstStartAndCanSignAndVerify() {
    Path file = dir.resolve("keys/internal-token.jwk");
    runner
        .withPropertyValues("cdp.auth.key-file=" + file)
        .run(
            context -> {
              assertThat(file).exists();
              CallerIdentity caller = new CallerIdentity("demo", "k1", Set.of(Role.ADMIN), null);
              String token = context.getBean(InternalTokenSigner.class).sign(caller);
              assertThat(context.getBean(InternalTokenVerifier.class).verify(token))
                  .isEqualTo(caller);
            });
  }

  @Test
  void offersNoSignerWhenGivenOnlyThePublicKey() {
    InternalTokenKeys keys = InternalTokenKeys.generate();
    runner
        .withPropertyValues(
            "cdp.auth.key=" + keys.publicJson(), "cdp.auth.key-file=" + dir.resolve("unused.jwk"))
        .run(
            context -> {
              assertThat(context).hasSingleBean(InternalTokenVerifier.class);
              assertThat(context).doesNotHaveBean(InternalTokenSigner.class);
              assertThat(dir.resolve("unused.jwk")).doesNotExist();
            });
  }

  @Test
  void prefersTheInlineKeyOverTheFile() {
    InternalTokenKeys inline = InternalTokenKeys.generate();
    Path file = dir.resolve("other.jwk");
    InternalTokenKeys.loadOrCreate(file);
    runner
        .withPropertyValues("cdp.auth.key=" + inline.toJson(), "cdp.auth.key-file=" + file)
        .run(
            context ->
                assertThat(context.getBean(InternalTokenKeys.class).keyId())
                    .isEqualTo(inline.keyId()));
  }

  @Test
  void failsToStartWithoutAKeyWhenGenerationIsOff() {
    runner
        .withPropertyValues(
            "cdp.auth.key-file=" + dir.resolve("missing.jwk"),
            "cdp.auth.generate-key-if-missing=false")
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("No internal token key")
                    .hasMessageContaining("cdp.auth.key"));
  }

  @Test
  void registersTheFilterInServletApplications() {
    new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(InternalAuthAutoConfiguration.class))
        .withPropertyValues("cdp.auth.key-file=" + dir.resolve("k.jwk"))
        .run(context -> assertThat(context).hasSingleBean(FilterRegistrationBean.class));
  }

  @Test
  void registersNoFilterWhenDisabledButKeepsTheSigner() {
    new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(InternalAuthAutoConfiguration.class))
        .withPropertyValues("cdp.auth.enabled=false", "cdp.auth.key-file=" + dir.resolve("k.jwk"))
        .run(
            context -> {
              assertThat(context).doesNotHaveBean(FilterRegistrationBean.class);
              assertThat(context).hasSingleBean(InternalTokenSigner.class);
            });
  }
}
