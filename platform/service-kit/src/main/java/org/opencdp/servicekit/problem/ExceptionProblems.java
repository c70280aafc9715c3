package org.opencdp.servicekit.problem;

import jakarta.servlet.ServletException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.beans.ConversionNotSupportedException;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.BindException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.context.request.async.AsyncRequestTimeoutException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Maps any exception to the problem a client should see. Client errors say what was wrong; server
 * errors say nothing about the cause, which is only logged.
 */
final class ExceptionProblems {

  static final String INTERNAL_DETAIL = "An unexpected error occurred; it has been logged";

  private ExceptionProblems() {}

  static ProblemException of(Throwable thrown) {
    Throwable t = unwrap(thrown);
    if (t instanceof ProblemException problem) {
      return problem;
    }
    ProblemException problem = translate(t);
    if (t instanceof ErrorResponse response) {
      // Allow, Accept and the like, which Spring computed for this failure.
      response
          .getHeaders()
          .forEach((name, values) -> problem.header(name, String.join(", ", values)));
    }
    return problem;
  }

  private static ProblemException translate(Throwable t) {
    ProblemException problem = inputProblem(t);
    if (problem == null) {
      problem = protocolProblem(t);
    }
    if (problem != null) {
      return problem;
    }
    if (t instanceof ErrorResponse e) {
      return fromStatus(e.getStatusCode().value(), e.getBody().getDetail());
    }
    ResponseStatus annotated =
        AnnotatedElementUtils.findMergedAnnotation(t.getClass(), ResponseStatus.class);
    if (annotated != null) {
      return fromStatus(annotated.code().value(), annotated.reason());
    }
    return new ProblemException(PlatformErrorCode.INTERNAL, INTERNAL_DETAIL);
  }

  /** What was wrong with the body, a parameter or a header; null for other failures. */
  private static ProblemException inputProblem(Throwable t) {
    if (t instanceof HttpMessageNotReadableException e) {
      return RequestBodyProblems.of(e);
    }
    if (t instanceof BindException e) {
      return ValidationProblems.of(e.getBindingResult());
    }
    if (t instanceof HandlerMethodValidationException e && !e.isForReturnValue()) {
      return ValidationProblems.of(e);
    }
    if (t instanceof MissingServletRequestParameterException e) {
      return missing("parameter", e.getParameterName());
    }
    if (t instanceof MissingRequestHeaderException e) {
      return missing("header", e.getHeaderName());
    }
    if (t instanceof MissingServletRequestPartException e) {
      return missing("part", e.getRequestPartName());
    }
    if (t instanceof MethodArgumentTypeMismatchException e) {
      return new ProblemException(
              PlatformErrorCode.VALIDATION_FAILED,
              "Parameter '" + e.getName() + "' " + expected(e.getRequiredType()))
          .field(e.getName())
          .rule("type");
    }
    if (t instanceof TypeMismatchException && !(t instanceof ConversionNotSupportedException)) {
      return new ProblemException(
          PlatformErrorCode.MALFORMED_REQUEST, "A value has the wrong type");
    }
    return null;
  }

  /** A request the endpoint cannot take (method, media type, size, time); null otherwise. */
  private static ProblemException protocolProblem(Throwable t) {
    if (t instanceof HttpRequestMethodNotSupportedException e) {
      return new ProblemException(
          PlatformErrorCode.METHOD_NOT_ALLOWED,
          "Method "
              + e.getMethod()
              + " is not supported here"
              + supported(e.getSupportedMethods()));
    }
    if (t instanceof HttpMediaTypeNotSupportedException e) {
      String type = e.getContentType() == null ? "(none)" : e.getContentType().toString();
      return new ProblemException(
          PlatformErrorCode.UNSUPPORTED_MEDIA_TYPE,
          "Content type '" + type + "' is not supported" + supported(e.getSupportedMediaTypes()));
    }
    if (t instanceof HttpMediaTypeNotAcceptableException e) {
      return new ProblemException(
          PlatformErrorCode.NOT_ACCEPTABLE,
          "No acceptable representation" + supported(e.getSupportedMediaTypes()));
    }
    if (t instanceof NoResourceFoundException e) {
      String path = e.getResourcePath();
      return notFound(e.getHttpMethod().name(), path.startsWith("/") ? path : "/" + path);
    }
    if (t instanceof NoHandlerFoundException e) {
      return notFound(e.getHttpMethod(), e.getRequestURL());
    }
    if (t instanceof MaxUploadSizeExceededException e) {
      String limit = e.getMaxUploadSize() < 0 ? "" : " of " + e.getMaxUploadSize() + " bytes";
      return new ProblemException(
          PlatformErrorCode.PAYLOAD_TOO_LARGE, "Request body exceeds the limit" + limit);
    }
    if (t instanceof AsyncRequestTimeoutException) {
      return new ProblemException(
          PlatformErrorCode.SERVICE_UNAVAILABLE, "The request did not complete in time");
    }
    return null;
  }

  /** A problem for a bare status, keeping a framework's detail only for client errors. */
  static ProblemException fromStatus(int status, String detail) {
    ErrorCode code = StatusErrorCode.forStatus(status);
    boolean clientError = status < 500;
    String shown = clientError && detail != null && !detail.isBlank() ? detail : code.title();
    if (code == PlatformErrorCode.INTERNAL) {
      shown = INTERNAL_DETAIL;
    }
    return new ProblemException(code, shown);
  }

  private static Throwable unwrap(Throwable t) {
    // Containers and filters wrap the real failure in a plain ServletException; Spring's own
    // ServletException subclasses (NoResourceFoundException...) are failures in their own right.
    Throwable current = t;
    while (current.getClass() == ServletException.class && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }

  private static ProblemException missing(String kind, String name) {
    return new ProblemException(
            PlatformErrorCode.VALIDATION_FAILED, "Required " + kind + " '" + name + "' is missing")
        .field(name)
        .rule("required");
  }

  private static ProblemException notFound(String method, String path) {
    return new ProblemException(PlatformErrorCode.NOT_FOUND, "No endpoint " + method + " " + path);
  }

  private static String expected(Class<?> type) {
    if (type == null) {
      return "has an invalid value";
    }
    if (Number.class.isAssignableFrom(type)
        || (type.isPrimitive() && type != boolean.class && type != char.class)) {
      return "must be a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "must be true or false";
    }
    if (type.isEnum()) {
      return "must be one of "
          + Arrays.stream(type.getEnumConstants())
              .map(String::valueOf)
              .collect(Collectors.joining(", "));
    }
    return "has an invalid value";
  }

  private static String supported(String[] values) {
    return values == null || values.length == 0 ? "" : "; supported: " + String.join(", ", values);
  }

  private static String supported(List<MediaType> types) {
    return types == null || types.isEmpty()
        ? ""
        : "; supported: "
            + types.stream().map(MediaType::toString).collect(Collectors.joining(", "));
  }
}
