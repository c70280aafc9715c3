package org.opencdp.servicekit.problem;

import java.io.IOException;
import java.io.Writer;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Tomcat's last word on a request it refused before Spring saw it (headers too large, a malformed
 * request line, a URL it will not decode): the same RFC 9457 problem JSON as every other error,
 * instead of Tomcat's HTML page.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int status = response.getStatus();
    if (status < 400 || response.getContentWritten() > 0) {
      return;
    }
    ErrorCode code =
        PlatformErrorCode.forStatus(status)
            .map(ErrorCode.class::cast)
            .orElse(
                status >= 500 ? PlatformErrorCode.INTERNAL : PlatformErrorCode.MALFORMED_REQUEST);
    String detail =
        status >= 500
            ? "the server could not complete the request"
            : "the request was refused before it reached the service: its request line, headers"
                + " or URL are malformed or too large";
    String body =
        "{\"type\":\""
            + code.type()
            + "\",\"title\":\""
            + code.title()
            + "\",\"status\":"
            + status
            + ",\"detail\":\""
            + detail
            + "\",\"code\":\""
            + code.code()
            + "\"}";
    try {
      response.setContentType("application/problem+json");
      response.setCharacterEncoding("UTF-8");
      Writer writer = response.getReporter();
      if (writer != null) {
        writer.write(body);
        response.finishResponse();
      }
    } catch (IOException | IllegalStateException e) {
      // The connection is gone or the response committed: nothing more can be said.
    }
  }
}
