package org.opencdp.servicekit.problem;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.MethodParameter;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.annotation.HandlerMethodValidationException;

/** Turns Bean Validation failures into one problem naming the first field and listing all. */
final class ValidationProblems {

  private ValidationProblems() {}

  private record Violation(String field, String rule, String message) {}

  static ProblemException of(BindingResult result) {
    List<Violation> violations = new ArrayList<>();
    for (FieldError error : result.getFieldErrors()) {
      violations.add(fieldViolation(error.getField(), error));
    }
    result.getGlobalErrors().forEach(error -> violations.add(violation(null, error)));
    return of(violations);
  }

  static ProblemException of(HandlerMethodValidationException e) {
    List<Violation> violations = new ArrayList<>();
    for (ParameterValidationResult result : e.getParameterValidationResults()) {
      String name = parameterName(result.getMethodParameter());
      if (result instanceof ParameterErrors errors) {
        for (FieldError error : errors.getFieldErrors()) {
          violations.add(fieldViolation(error.getField(), error));
        }
      } else {
        result.getResolvableErrors().forEach(error -> violations.add(violation(name, error)));
      }
    }
    e.getCrossParameterValidationResults().forEach(error -> violations.add(violation(null, error)));
    return of(violations);
  }

  private static ProblemException of(List<Violation> violations) {
    if (violations.isEmpty()) {
      return new ProblemException(PlatformErrorCode.VALIDATION_FAILED, "Request is not valid");
    }
    Violation first = violations.get(0);
    String detail =
        (first.field() == null ? "" : "Field '" + first.field() + "' ") + first.message();
    if (violations.size() > 1) {
      detail += " (and " + (violations.size() - 1) + " more)";
    }
    List<Map<String, String>> errors = new ArrayList<>();
    for (Violation v : violations) {
      Map<String, String> error = new LinkedHashMap<>();
      if (v.field() != null) {
        error.put("field", v.field());
      }
      error.put("rule", v.rule());
      error.put("message", v.message());
      errors.add(error);
    }
    return new ProblemException(PlatformErrorCode.VALIDATION_FAILED, detail)
        .field(first.field())
        .rule(first.rule())
        .property("errors", errors);
  }

  private static Violation fieldViolation(String field, FieldError error) {
    if (error.isBindingFailure()) {
      // The default message of a conversion failure names Java types: say it plainly instead.
      return new Violation(field, "type", "has an invalid value");
    }
    return violation(field, error);
  }

  private static Violation violation(String field, MessageSourceResolvable error) {
    String message = error.getDefaultMessage() == null ? "is invalid" : error.getDefaultMessage();
    return new Violation(field, rule(error.getCodes()), message);
  }

  /** The constraint name as a kebab-case rule: {@code NotBlank} becomes {@code not-blank}. */
  private static String rule(String[] codes) {
    if (codes == null || codes.length == 0) {
      return "invalid";
    }
    String constraint = codes[codes.length - 1];
    return constraint.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
  }

  static String parameterName(MethodParameter parameter) {
    RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
    if (param != null && !(param.name() + param.value()).isEmpty()) {
      return param.name().isEmpty() ? param.value() : param.name();
    }
    PathVariable path = parameter.getParameterAnnotation(PathVariable.class);
    if (path != null && !(path.name() + path.value()).isEmpty()) {
      return path.name().isEmpty() ? path.value() : path.name();
    }
    RequestHeader header = parameter.getParameterAnnotation(RequestHeader.class);
    if (header != null && !(header.name() + header.value()).isEmpty()) {
      return header.name().isEmpty() ? header.value() : header.name();
    }
    String name = parameter.getParameterName();
    return name == null ? "arg" + parameter.getParameterIndex() : name;
  }
}
