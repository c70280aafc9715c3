package org.opencdp.quality.rules;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * JSON Schemas of tracking plans (draft 2020-12 unless a schema names its own {@code $schema}),
 * checked against the meta-schema when saved. Nothing is ever fetched over the network: a remote
 * {@code $ref} fails to resolve and the plan is refused.
 */
final class PlanSchemas {

  private static final String META_SCHEMA = "https://json-schema.org/draft/2020-12/schema";

  private final SchemaRegistry registry =
      SchemaRegistry.withDefaultDialect(
          SpecificationVersion.DRAFT_2020_12,
          builder -> builder.schemaLoader(loader -> loader.fetchRemoteResources(false)));
  private final Schema metaSchema = registry.getSchema(SchemaLocation.of(META_SCHEMA));

  /** Compiles {@code schema}, refusing one that breaks the meta-schema or cannot be loaded. */
  Schema compile(JsonNode schema, String field) {
    if (schema == null || !(schema.isObject() || schema.isBoolean())) {
      throw new DefinitionInvalid(field, "a JSON Schema (an object) is required");
    }
    List<Error> errors = metaSchema.validate(schema);
    if (!errors.isEmpty()) {
      Error first = errors.get(0);
      throw new DefinitionInvalid(
          field + pointer(first), "not a valid JSON Schema: " + first.getMessage());
    }
    try {
      Schema compiled = registry.getSchema(schema);
      compiled.initializeValidators(); // resolves $ref now, not on the first event
      return compiled;
    } catch (RuntimeException e) {
      throw new DefinitionInvalid(field, "the schema cannot be loaded: " + e.getMessage());
    }
  }

  private static String pointer(Error error) {
    String at = error.getInstanceLocation() == null ? "" : error.getInstanceLocation().toString();
    return at.startsWith("$") ? at.substring(1) : at.isEmpty() ? "" : "." + at;
  }
}
