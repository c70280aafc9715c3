package org.opencdp.servicekit.problem;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Renders the container's error dispatch (an exception thrown by a filter, a bare {@code
 * sendError}) as the same problem JSON controllers produce, instead of Boot's error map.
 */
@RestController
@RequestMapping("${spring.web.error.path:${error.path:/error}}")
public class ProblemErrorController implements ErrorController {

  @RequestMapping
  public ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
    String instance = Problems.instanceOf(request);
    Throwable thrown = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
    ProblemException problem;
    if (thrown != null) {
      problem = ExceptionProblems.of(thrown);
    } else {
      Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
      int code = status instanceof Integer value ? value : 404; // 404: /error asked for directly
      problem =
          code == 404
              ? new ProblemException(
                  PlatformErrorCode.NOT_FOUND,
                  "No endpoint " + request.getMethod() + " " + instance)
              : ExceptionProblems.fromStatus(code, null);
    }
    ProblemAdvice.logged(problem, thrown, request.getMethod(), instance);
    return ProblemAdvice.response(problem, instance);
  }
}
