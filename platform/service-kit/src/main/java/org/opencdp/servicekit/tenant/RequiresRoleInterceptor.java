package org.opencdp.servicekit.tenant;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.List;
import org.opencdp.servicekit.problem.PlatformErrorCode;
import org.opencdp.servicekit.problem.ProblemException;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/** Enforces {@link RequiresRole} before the controller method runs. */
final class RequiresRoleInterceptor implements HandlerInterceptor {

  @Override
  public boolean preHandle(
      HttpServletRequest request, HttpServletResponse response, Object handler) {
    if (!(handler instanceof HandlerMethod method)) {
      return true;
    }
    RequiresRole required = method.getMethodAnnotation(RequiresRole.class);
    if (required == null) {
      required =
          AnnotatedElementUtils.findMergedAnnotation(method.getBeanType(), RequiresRole.class);
    }
    if (required == null) {
      return true;
    }
    CallerIdentity caller =
        CallerIdentityArgumentResolver.callerOf(new ServletRequestAttributes(request));
    if (Arrays.stream(required.value()).noneMatch(caller::has)) {
      List<String> names = Arrays.stream(required.value()).map(Role::wireName).toList();
      String which = names.size() == 1 ? "role '" + names.get(0) + "'" : "one of roles " + names;
      throw new ProblemException(PlatformErrorCode.FORBIDDEN, "This operation requires " + which)
          .rule("role")
          .property("requiredRoles", names);
    }
    return true;
  }
}
