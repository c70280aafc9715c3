package org.opencdp.servicekit.problem;

import org.springframework.http.converter.HttpMessageNotReadableException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.exc.UnexpectedEndOfInputException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Explains an unreadable request body in the client's terms (where the JSON broke, which field) and
 * never with the parser's own message, which names Java classes.
 */
final class RequestBodyProblems {

  private RequestBodyProblems() {}

  static ProblemException of(HttpMessageNotReadableException e) {
    JacksonException json = jacksonCause(e);
    if (json == null) {
      return malformed(isMissingBody(e) ? "Request body is missing" : "Request body is unreadable");
    }
    if (json instanceof UnexpectedEndOfInputException) {
      return malformed("Request body is not valid JSON: it ends too early");
    }
    if (json instanceof StreamReadException) {
      return malformed("Request body is not valid JSON" + at(json.getLocation()));
    }
    String path = pathOf(json);
    if (json instanceof UnrecognizedPropertyException) {
      return malformed("Field '" + path + "' is not recognised").field(path).rule("unknown-field");
    }
    if (path.isEmpty()) {
      return malformed("Request body does not have the expected structure");
    }
    if (json instanceof MismatchedInputException) {
      return malformed("Field '" + path + "' has the wrong type").field(path).rule("type");
    }
    return malformed("Field '" + path + "' has an invalid value").field(path).rule("invalid");
  }

  private static ProblemException malformed(String detail) {
    return new ProblemException(PlatformErrorCode.MALFORMED_REQUEST, detail);
  }

  private static boolean isMissingBody(HttpMessageNotReadableException e) {
    // Spring signals an absent body only through this message prefix.
    return e.getMessage() != null && e.getMessage().startsWith("Required request body is missing");
  }

  private static JacksonException jacksonCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof JacksonException json) {
        return json;
      }
    }
    return null;
  }

  private static String at(TokenStreamLocation location) {
    if (location == null || location.getLineNr() < 1) {
      return "";
    }
    return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
  }

  /** The JSON path of the failing member, such as {@code batch[3].userId}. */
  static String pathOf(JacksonException e) {
    StringBuilder path = new StringBuilder();
    for (JacksonException.Reference ref : e.getPath()) {
      if (ref.getPropertyName() != null) {
        if (!path.isEmpty()) {
          path.append('.');
        }
        path.append(ref.getPropertyName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.toString();
  }
}
