package org.opencdp.servicekit.tenant;

import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Lets a controller method declare a {@code CallerIdentity} parameter. */
final class CallerIdentityArgumentResolver implements HandlerMethodArgumentResolver {

  @Override
  public boolean supportsParameter(MethodParameter parameter) {
    return parameter.getParameterType() == CallerIdentity.class;
  }

  @Override
  public CallerIdentity resolveArgument(
      MethodParameter parameter,
      ModelAndViewContainer mavContainer,
      NativeWebRequest webRequest,
      WebDataBinderFactory binderFactory) {
    return callerOf(webRequest);
  }

  static CallerIdentity callerOf(RequestAttributes request) {
    Object attribute =
        request.getAttribute(TenantContext.REQUEST_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
    return attribute instanceof CallerIdentity identity ? identity : TenantContext.current();
  }
}
