package org.opencdp.event;

/**
 * Input that is not clean, bounded JSON: a syntax error, a duplicate key, nesting, a string or a
 * number beyond the limits, an unpaired surrogate. The message says what and where, never more of
 * the input than a short excerpt.
 */
public final class MalformedJson extends RuntimeException {

  /** The kind of fault, stable for clients and tests. */
  public enum Fault {
    SYNTAX,
    DUPLICATE_KEY,
    TOO_DEEP,
    TOO_LONG,
    NUMBER_OUT_OF_RANGE,
    INVALID_STRING,
    NOT_AN_OBJECT,
    EMPTY
  }

  private final Fault fault;
  private final String pointer;
  private final long line;
  private final long column;

  public MalformedJson(Fault fault, String message, String pointer, long line, long column) {
    super(message, null, false, false);
    this.fault = fault;
    this.pointer = pointer;
    this.line = line;
    this.column = column;
  }

  public Fault fault() {
    return fault;
  }

  /** JSON pointer of the offending value when known ({@code /batch/3/properties}), else null. */
  public String pointer() {
    return pointer;
  }

  /** 1-based line of the fault in the input, or -1 when the fault is not tied to a position. */
  public long line() {
    return line;
  }

  /** 1-based column of the fault in the input, or -1. */
  public long column() {
    return column;
  }
}
