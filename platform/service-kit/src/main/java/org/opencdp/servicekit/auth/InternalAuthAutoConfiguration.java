package org.opencdp.servicekit.auth;

import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * The internal token's keys, verifier and signer, and in servlet applications the filter that
 * demands the token.
 */
@AutoConfiguration
@EnableConfigurationProperties(AuthProperties.class)
public final class InternalAuthAutoConfiguration {

  /**
   * After the request-context filter (-105), so the caller is known to request-scoped code, and
   * before anything that acts for a tenant. Same slot as Spring Security's filter chain.
   */
  public static final int FILTER_ORDER = -100;

  @Bean
  @ConditionalOnMissingBean
  InternalTokenKeys internalTokenKeys(AuthProperties props) {
    return KeySource.keys(props);
  }

  @Bean
  @ConditionalOnMissingBean
  InternalTokenVerifier internalTokenVerifier(InternalTokenKeys keys, AuthProperties props) {
    return new InternalTokenVerifier(keys, props);
  }

  @Bean
  @ConditionalOnMissingBean
  @Conditional(SigningKeyCondition.class)
  InternalTokenSigner internalTokenSigner(InternalTokenKeys keys, AuthProperties props) {
    return new InternalTokenSigner(keys, props);
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
  @ConditionalOnBooleanProperty(name = "cdp.auth.enabled", matchIfMissing = true)
  static class FilterConfiguration {

    @Bean
    FilterRegistrationBean<InternalAuthFilter> internalAuthFilter(
        InternalTokenVerifier verifier,
        ObjectProvider<CredentialResolver> resolvers,
        AuthProperties props) {
      List<CredentialResolver> ordered = resolvers.orderedStream().toList();
      FilterRegistrationBean<InternalAuthFilter> registration =
          new FilterRegistrationBean<>(
              new InternalAuthFilter(verifier, ordered, props.publicPaths()));
      registration.setName("internalAuthFilter");
      registration.setOrder(FILTER_ORDER);
      return registration;
    }
  }
}
