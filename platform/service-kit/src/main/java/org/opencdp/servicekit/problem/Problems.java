package org.opencdp.servicekit.problem;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

/**
 * Renders a {@link ProblemException} as an RFC 9457 body, for code that runs outside Spring MVC's
 * exception handling (servlet filters).
 */
public final class Problems {

  private static final Logger log = LoggerFactory.getLogger(Problems.class);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private Problems() {}

  /** The problem as Spring's {@link ProblemDetail}, with {@code code}, {@code field}, etc. */
  public static ProblemDetail toProblemDetail(ProblemException p, String instance) {
    ProblemDetail detail = ProblemDetail.forStatusAndDetail(p.code().status(), p.detail());
    detail.setType(p.code().type());
    detail.setTitle(p.code().title());
    detail.setInstance(toUri(instance));
    detail.setProperty("code", p.code().code());
    if (p.field() != null) {
      detail.setProperty("field", p.field());
    }
    if (p.rule() != null) {
      detail.setProperty("rule", p.rule());
    }
    p.properties().forEach(detail::setProperty);
    return detail;
  }

  /** Writes the problem as the whole response: status, its headers and the JSON body. */
  public static void write(
      HttpServletResponse response, HttpServletRequest request, ProblemException problem)
      throws IOException {
    if (response.isCommitted()) {
      log.warn(
          "Response already committed; cannot send problem {}: {}",
          problem.code().code(),
          problem.detail());
      return;
    }
    response.resetBuffer();
    byte[] body = JSON.writeValueAsBytes(toMap(toProblemDetail(problem, instanceOf(request))));
    response.setStatus(problem.code().status().value());
    problem.headers().forEach(response::setHeader);
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
    response.flushBuffer();
  }

  /** The path the client asked for, also when rendering on the container's error dispatch. */
  static String instanceOf(HttpServletRequest request) {
    Object original = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    return original instanceof String uri ? uri : request.getRequestURI();
  }

  /** The members in RFC 9457 order, then the extensions; absent ones left out. */
  static Map<String, Object> toMap(ProblemDetail detail) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", detail.getType().toString());
    body.put("title", detail.getTitle());
    body.put("status", detail.getStatus());
    if (detail.getDetail() != null) {
      body.put("detail", detail.getDetail());
    }
    if (detail.getInstance() != null) {
      body.put("instance", detail.getInstance().toString());
    }
    if (detail.getProperties() != null) {
      body.putAll(detail.getProperties());
    }
    return body;
  }

  private static URI toUri(String path) {
    if (path == null) {
      return null;
    }
    try {
      return URI.create(path);
    } catch (IllegalArgumentException notAlreadyEncoded) {
      try {
        return new URI(null, null, path, null);
      } catch (URISyntaxException unusable) {
        return null;
      }
    }
  }
}
