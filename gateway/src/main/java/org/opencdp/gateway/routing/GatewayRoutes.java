package org.opencdp.gateway.routing;

import static org.springframework.cloud.gateway.server.mvc.filter.BeforeFilterFunctions.uri;
import static org.springframework.cloud.gateway.server.mvc.handler.GatewayRouterFunctions.route;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.List;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.opencdp.gateway.GatewayProperties;
import org.opencdp.gateway.keys.KeyAuthenticator;
import org.opencdp.servicekit.auth.InternalTokenSigner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.cloud.gateway.server.mvc.config.GatewayMvcProperties;
import org.springframework.cloud.gateway.server.mvc.filter.LoadBalancerFilterFunctions;
import org.springframework.cloud.gateway.server.mvc.handler.HandlerFunctions;
import org.springframework.cloud.gateway.server.mvc.handler.RestClientProxyExchange;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;
import org.springframework.web.servlet.function.RequestPredicate;
import org.springframework.web.servlet.function.RequestPredicates;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * One Gateway Server MVC route per downstream: its paths, the internal token in place of the
 * client's credential, and a circuit breaker that answers 503 while the service is down.
 */
@Configuration(proxyBeanMethods = false)
class GatewayRoutes {

  /** Ahead of everything that acts for a caller; the slot service-kit's auth filter would take. */
  static final int ACCESS_FILTER_ORDER = -100;

  @Bean
  FilterRegistrationBean<AccessFilter> accessFilter(KeyAuthenticator authenticator) {
    FilterRegistrationBean<AccessFilter> registration =
        new FilterRegistrationBean<>(new AccessFilter(authenticator));
    registration.setName("gatewayAccessFilter");
    registration.setOrder(ACCESS_FILTER_ORDER);
    return registration;
  }

  @Bean
  FilterRegistrationBean<SecurityHeadersFilter> securityHeadersFilter() {
    FilterRegistrationBean<SecurityHeadersFilter> registration =
        new FilterRegistrationBean<>(new SecurityHeadersFilter());
    registration.setName("gatewaySecurityHeadersFilter");
    registration.setOrder(ACCESS_FILTER_ORDER - 20);
    return registration;
  }

  /**
   * Only with origins configured; preflights are answered before the access filter asks for a key.
   */
  @Bean
  FilterRegistrationBean<CorsFilter> corsFilter(CorsProperties props) {
    CorsConfiguration cors = new CorsConfiguration();
    cors.setAllowedOrigins(props.allowedOrigins());
    cors.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
    cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "Content-Encoding"));
    cors.setExposedHeaders(
        List.of("Retry-After", "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset"));
    cors.setMaxAge(props.maxAge());
    UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
    source.registerCorsConfiguration("/v1/**", cors);
    FilterRegistrationBean<CorsFilter> registration =
        new FilterRegistrationBean<>(new CorsFilter(source));
    registration.setName("gatewayCorsFilter");
    registration.setOrder(ACCESS_FILTER_ORDER - 10);
    registration.setEnabled(!props.allowedOrigins().isEmpty());
    return registration;
  }

  /** Just ahead of the access filter: Segment libraries that put the write key in the body. */
  @Bean
  FilterRegistrationBean<BodyWriteKeyFilter> bodyWriteKeyFilter(BodyLimitProperties limits) {
    FilterRegistrationBean<BodyWriteKeyFilter> registration =
        new FilterRegistrationBean<>(new BodyWriteKeyFilter(limits));
    registration.setName("gatewayBodyWriteKeyFilter");
    registration.setOrder(ACCESS_FILTER_ORDER - 5);
    return registration;
  }

  /** After authentication and rate limiting: a caller without a key gets its 401, not a 413. */
  @Bean
  FilterRegistrationBean<BodyLimitFilter> bodyLimitFilter(BodyLimitProperties limits) {
    FilterRegistrationBean<BodyLimitFilter> registration =
        new FilterRegistrationBean<>(new BodyLimitFilter(limits));
    registration.setName("gatewayBodyLimitFilter");
    registration.setOrder(ACCESS_FILTER_ORDER + 20);
    return registration;
  }

  /**
   * The HTTP client of every route, no retries, no redirects, no cookies; a dead downstream fails
   * within the connect timeout. {@code cdp.gateway.http-client}: {@code pooled} (Apache HttpClient
   * 5, blocking, kept-alive connections per downstream; the default, measured to add about half the
   * latency) or {@code jdk} (the JDK's client).
   */
  @Bean
  ClientHttpRequestFactory gatewayRequestFactory(GatewayProperties props) {
    return switch (props.httpClient()) {
      case JDK -> jdkClient(props);
      case POOLED -> pooledClient(props);
    };
  }

  private static ClientHttpRequestFactory jdkClient(GatewayProperties props) {
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(props.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(client);
    factory.setReadTimeout(props.readTimeout());
    return factory;
  }

  private static ClientHttpRequestFactory pooledClient(GatewayProperties props) {
    PoolingHttpClientConnectionManager pool =
        PoolingHttpClientConnectionManagerBuilder.create()
            .setMaxConnTotal(props.maxConnections())
            .setMaxConnPerRoute(props.maxConnections())
            .setDefaultConnectionConfig(
                ConnectionConfig.custom()
                    .setConnectTimeout(Timeout.of(props.connectTimeout()))
                    .setSocketTimeout(Timeout.of(props.readTimeout()))
                    .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                    .build())
            .build();
    CloseableHttpClient client =
        HttpClients.custom()
            .setConnectionManager(pool)
            .disableAutomaticRetries()
            .disableRedirectHandling()
            .disableCookieManagement()
            .disableContentCompression()
            .build();
    HttpComponentsClientHttpRequestFactory factory =
        new HttpComponentsClientHttpRequestFactory(client);
    factory.setReadTimeout(props.readTimeout());
    factory.setConnectionRequestTimeout(props.connectTimeout());
    return factory;
  }

  /**
   * The proxy's client: the routes' request factory, without a client-side observation per call
   * (the gateway's own {@code http.server.requests} already times every request, and the
   * observation's tags and timers are the largest per-request cost of the proxy after Tomcat).
   */
  @Bean
  RestClientProxyExchange gatewayProxyExchange(
      ClientHttpRequestFactory gatewayRequestFactory, GatewayMvcProperties props) {
    RestClient client =
        RestClient.builder()
            .requestFactory(gatewayRequestFactory)
            .observationRegistry(ObservationRegistry.NOOP)
            .build();
    return new RestClientProxyExchange(client, props);
  }

  /** The internal token in place of the client's credential: a route filter and a header filter. */
  @Bean
  InternalTokenRelay internalTokenRelay(InternalTokenSigner signer) {
    return new InternalTokenRelay(signer);
  }

  @Bean
  CircuitBreakerRegistry downstreamBreakers(BreakerProperties props) {
    return CircuitBreakerRegistry.of(
        CircuitBreakerConfig.custom()
            .failureRateThreshold(props.failureRateThreshold())
            .slidingWindowSize(props.slidingWindowSize())
            .minimumNumberOfCalls(props.minimumNumberOfCalls())
            .waitDurationInOpenState(props.openFor())
            .build());
  }

  @Bean
  RouterFunction<ServerResponse> downstreamRoutes(
      RoutesProperties routes,
      InternalTokenRelay relay,
      CircuitBreakerRegistry breakers,
      BreakerProperties breakerProps) {
    RouterFunctions.Builder all = RouterFunctions.route();
    for (Downstream downstream : Downstream.values()) {
      RequestPredicate paths = null;
      for (PublicRoute r : PublicRoute.ALL) {
        if (r.downstream() == downstream) {
          for (var pattern : r.patterns()) {
            RequestPredicate p = RequestPredicates.path(pattern.getPatternString());
            paths = paths == null ? p : paths.or(p);
          }
        }
      }
      CircuitBreaker breaker =
          breakerProps.enabled() ? breakers.circuitBreaker(downstream.id()) : null;
      var route =
          route(downstream.id())
              .route(paths, new DownstreamCall(downstream, breaker, HandlerFunctions.http()));
      URI target = routes.uri(downstream);
      if ("lb".equalsIgnoreCase(target.getScheme())) {
        // lb://ingest-service: an instance of that service id from the discovery client.
        route.filter(LoadBalancerFilterFunctions.lb(target.getHost()));
      } else {
        route.before(uri(target));
      }
      all.add(route.before(relay.requireCaller()).build());
    }
    return all.build();
  }
}
