package org.opencdp.servicekit.web;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.opencdp.servicekit.auth.CredentialResolver;
import org.opencdp.servicekit.problem.PlatformErrorCode;
import org.opencdp.servicekit.problem.ProblemException;
import org.opencdp.servicekit.tenant.CallerIdentity;
import org.opencdp.servicekit.tenant.RequiresRole;
import org.opencdp.servicekit.tenant.Role;
import org.opencdp.servicekit.tenant.TenantContext;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A minimal service built on service-kit, for the web tests. */
@SpringBootApplication
class TestService {

  /** Stands in for ingest-service's write keys: header {@code X-Test-Key}. */
  @Bean
  CredentialResolver testKeyResolver() {
    return request -> {
      String key = request.getHeader("X-Test-Key");
      if (key == null) {
        return Optional.empty();
      }
      if (!key.equals("good-key")) {
        throw new ProblemException(PlatformErrorCode.UNAUTHENTICATED, "Test key is not valid");
      }
      return Optional.of(new CallerIdentity("acme", "tk-1", Set.of(Role.WRITE), null));
    };
  }

  /** A filter behind the auth filter that fails, as real filters sometimes do. */
  @Bean
  FilterRegistrationBean<Filter> failingFilter() {
    FilterRegistrationBean<Filter> registration =
        new FilterRegistrationBean<>(
            (request, response, chain) -> {
              String path = ((HttpServletRequest) request).getRequestURI();
              if (path.equals("/v1/filter-crash")) {
                throw new IllegalStateException("filter internals at com.example.Secret");
              }
              if (path.equals("/v1/filter-problem")) {
                throw new ProblemException(PlatformErrorCode.TOO_MANY_REQUESTS, "Slow down")
                    .header("Retry-After", "7");
              }
              chain.doFilter(request, response);
            });
    registration.setOrder(0);
    return registration;
  }

  record Payload(@NotBlank String name, @Min(1) int count) {}

  @RestController
  static class TestController {

    @GetMapping("/v1/whoami")
    Map<String, Object> whoami(CallerIdentity caller) {
      return Map.of(
          "tenant", caller.tenantId(),
          "key", caller.keyId(),
          "roles", caller.roles().stream().map(Role::wireName).sorted().toList(),
          "sameAsContext", TenantContext.current().equals(caller));
    }

    /** Needs no caller itself: only the filter stands between it and a client. */
    @GetMapping("/v1/ping")
    String ping() {
      return "pong";
    }

    @GetMapping("/v1/admin-only")
    @RequiresRole(Role.ADMIN)
    String adminOnly() {
      return "ok";
    }

    @GetMapping("/v1/problem")
    String problem() {
      throw new ProblemException(PlatformErrorCode.UNPROCESSABLE, "Field 'userId' is required")
          .field("userId")
          .rule("required")
          .property("limit", 5)
          .header("Retry-After", "3");
    }

    @PostMapping("/v1/echo")
    Payload echo(@RequestBody Payload payload) {
      return payload;
    }

    @PostMapping("/v1/valid")
    Payload valid(@Valid @RequestBody Payload payload) {
      return payload;
    }

    @GetMapping("/v1/items")
    String items(@RequestParam @Max(500) int limit) {
      return "items:" + limit;
    }

    @GetMapping("/v1/crash")
    String crash() {
      throw new IllegalStateException("database password is hunter2 at com.example.Secret");
    }
  }

  @RestController
  @RequiresRole({Role.ANALYST, Role.ADMIN})
  static class AnalystController {

    @GetMapping("/v1/reports")
    String reports() {
      return "reports";
    }
  }
}
