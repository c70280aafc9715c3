package org.opencdp.quality.rules;

/** A tracking plan or rule that cannot be deployed: which field, and what is wrong with it. */
public final class DefinitionInvalid extends RuntimeException {

  private final String field;

  DefinitionInvalid(String field, String message) {
    super(message, null, false, false);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
