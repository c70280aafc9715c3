package org.opencdp.servicekit.problem;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;

/**
 * The one exception handler of a service: every exception a controller, interceptor or argument
 * resolver throws leaves as an {@code application/problem+json} response.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class ProblemAdvice {

  private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

  /** The client has gone: there is nobody to send a problem to. */
  @ExceptionHandler(AsyncRequestNotUsableException.class)
  public void clientGone(AsyncRequestNotUsableException e) {
    log.debug("Response no longer usable: {}", e.getMessage());
  }

  @ExceptionHandler(Exception.class)
  public ResponseEntity<Map<String, Object>> handle(Exception e, HttpServletRequest request) {
    ProblemException problem = ExceptionProblems.of(e);
    String instance = Problems.instanceOf(request);
    logged(problem, e, request.getMethod(), instance);
    return response(problem, instance);
  }

  /**
   * The body is the same ordered map {@link Problems#write} sends, not the {@link
   * org.springframework.http.ProblemDetail} itself: the JSON mapper would sort its members
   * alphabetically, and a problem should read the same whichever path produced it.
   */
  static ResponseEntity<Map<String, Object>> response(ProblemException problem, String instance) {
    ResponseEntity.BodyBuilder response = ResponseEntity.status(problem.code().status());
    problem.headers().forEach((name, value) -> response.header(name, value));
    return response
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(Problems.toMap(Problems.toProblemDetail(problem, instance)));
  }

  static void logged(ProblemException problem, Throwable thrown, String method, String path) {
    if (problem.code().status().is5xxServerError()) {
      log.error("{} {} failed: {}", method, path, problem.code().code(), thrown);
    } else if (log.isDebugEnabled()) {
      log.debug("{} {} rejected: {} {}", method, path, problem.code().code(), problem.detail());
    }
  }
}
