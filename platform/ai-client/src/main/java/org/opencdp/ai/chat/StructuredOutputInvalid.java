package org.opencdp.ai.chat;

/** The model's answer did not parse into the requested record, even after one repair attempt. */
public final class StructuredOutputInvalid extends RuntimeException {

  public StructuredOutputInvalid(String message, Throwable cause) {
    super(message, cause);
  }
}
