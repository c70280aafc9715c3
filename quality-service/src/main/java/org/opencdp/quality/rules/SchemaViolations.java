package org.opencdp.quality.rules;

import com.networknt.schema.Error;
import com.networknt.schema.path.NodePath;
import org.opencdp.event.Reason;
import org.opencdp.event.ReasonCode;

/** Classifies JSON Schema errors the way Segment Protocols and RudderStack name violations. */
final class SchemaViolations {

  private SchemaViolations() {}

  static Reason reason(Error error, String root) {
    String keyword = error.getKeyword() == null ? "" : error.getKeyword();
    String code =
        switch (keyword) {
          case "required", "dependentRequired" -> ReasonCode.REQUIRED_MISSING.code();
          case "type" -> ReasonCode.DATATYPE_MISMATCH.code();
          case "additionalProperties", "unevaluatedProperties" ->
              ReasonCode.ADDITIONAL_PROPERTIES.code();
          case "enum", "const" -> ReasonCode.VALUE_NOT_ALLOWED.code();
          case "minimum",
              "maximum",
              "exclusiveMinimum",
              "exclusiveMaximum",
              "minLength",
              "maxLength",
              "minItems",
              "maxItems",
              "multipleOf" ->
              ReasonCode.VALUE_OUT_OF_RANGE.code();
          case "pattern", "format" -> ReasonCode.PATTERN_MISMATCH.code();
          default -> ReasonCode.SCHEMA_VIOLATION.code();
        };
    return new Reason(code, field(error, root), error.getMessage());
  }

  /** The instance location dotted under {@code root}, plus the missing or extra property. */
  private static String field(Error error, String root) {
    StringBuilder field = new StringBuilder(root);
    NodePath at = error.getInstanceLocation();
    for (int i = 0; at != null && i < at.getNameCount(); i++) {
      Object element = at.getElement(i);
      if (element instanceof Integer index) {
        field.append('[').append(index).append(']');
      } else {
        field.append('.').append(element);
      }
    }
    String keyword = error.getKeyword();
    boolean namesProperty =
        "required".equals(keyword)
            || "dependentRequired".equals(keyword)
            || "additionalProperties".equals(keyword)
            || "unevaluatedProperties".equals(keyword);
    if (namesProperty && error.getProperty() != null) {
      field.append('.').append(error.getProperty());
    }
    return field.toString();
  }
}
