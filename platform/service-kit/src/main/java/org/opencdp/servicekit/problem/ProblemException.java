package org.opencdp.servicekit.problem;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A request failure that becomes an RFC 9457 problem response: throw it anywhere in request
 * handling and {@link ProblemAdvice} renders it.
 */
public class ProblemException extends RuntimeException {

  private static final Set<String> RESERVED =
      Set.of("type", "title", "status", "detail", "instance", "code", "field", "rule");

  private final ErrorCode code;
  private String field;
  private String rule;
  private final Map<String, Object> properties = new LinkedHashMap<>();
  private final Map<String, String> headers = new LinkedHashMap<>();

  /**
   * A failure with no underlying exception. It records no stack trace: it is an expected outcome,
   * thrown often (a bad token, a missing field), and its detail says all there is to say.
   */
  public ProblemException(ErrorCode code, String detail) {
    super(detail, null, false, false);
    this.code = Objects.requireNonNull(code, "code");
  }

  /** A failure caused by another exception, which keeps its stack trace for the log. */
  public ProblemException(ErrorCode code, String detail, Throwable cause) {
    super(detail, cause, true, true);
    this.code = Objects.requireNonNull(code, "code");
  }

  /** The request member (body field, parameter, header) the problem is about. */
  public ProblemException field(String field) {
    this.field = field;
    return this;
  }

  /** The rule that was broken, as a stable code such as {@code required} or {@code max-size}. */
  public ProblemException rule(String rule) {
    this.rule = rule;
    return this;
  }

  /** An extra member of the problem body; the standard member names are refused. */
  public ProblemException property(String name, Object value) {
    if (RESERVED.contains(name)) {
      throw new IllegalArgumentException("'" + name + "' is a standard problem member");
    }
    properties.put(name, value);
    return this;
  }

  /** A response header to send with the problem, for example {@code Retry-After}. */
  public ProblemException header(String name, String value) {
    headers.put(name, value);
    return this;
  }

  /**
   * The same problem (code, field, rule, members, headers) with another detail: for a caller that
   * knows more than the place that threw, such as how much of a long upload was accepted.
   */
  public ProblemException withDetail(String detail) {
    ProblemException copy =
        getCause() == null
            ? new ProblemException(code, detail)
            : new ProblemException(code, detail, getCause());
    copy.field = field;
    copy.rule = rule;
    copy.properties.putAll(properties);
    copy.headers.putAll(headers);
    return copy;
  }

  public ErrorCode code() {
    return code;
  }

  public String detail() {
    return getMessage();
  }

  public String field() {
    return field;
  }

  public String rule() {
    return rule;
  }

  public Map<String, Object> properties() {
    return Collections.unmodifiableMap(properties);
  }

  public Map<String, String> headers() {
    return Collections.unmodifiableMap(headers);
  }
}
