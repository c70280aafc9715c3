package org.opencdp.quality.rules;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.opencdp.quality.QualityErrorCode;
import org.opencdp.servicekit.problem.ProblemException;
import org.opencdp.servicekit.tenant.CallerIdentity;
import org.opencdp.servicekit.tenant.RequiresRole;
import org.opencdp.servicekit.tenant.Role;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Create, list, read, update (a new version) and delete one kind of definition of the caller's
 * tenant. A body is compiled before it is stored: one that would not deploy is refused with 422.
 */
@RequiresRole({Role.ADMIN, Role.ANALYST})
abstract class DefinitionsController {

  private static final String ID = "[a-z0-9][a-z0-9_.-]{0,63}";

  private final Definitions.Kind kind;
  private final Definitions definitions;
  private final ActiveRules active;
  private final ActiveRules.Compiler compiler;

  DefinitionsController(
      Definitions.Kind kind,
      Definitions definitions,
      ActiveRules active,
      ActiveRules.Compiler compiler) {
    this.kind = kind;
    this.definitions = definitions;
    this.active = active;
    this.compiler = compiler;
  }

  @PostMapping
  @RequiresRole(Role.ADMIN)
  ResponseEntity<ObjectNode> create(CallerIdentity caller, @RequestBody JsonNode body) {
    ObjectNode object = object(body);
    String id = object.path("id").isString() ? object.path("id").stringValue() : newId(object);
    checkId(id);
    if (definitions.latest(caller.tenantId(), kind, id).filter(s -> !s.deleted()).isPresent()) {
      throw new ProblemException(
              QualityErrorCode.DEFINITION_EXISTS, "'" + id + "' exists; PUT a new version")
          .field("id");
    }
    return ResponseEntity.status(HttpStatus.CREATED).body(save(caller, id, object));
  }

  @GetMapping
  Map<String, List<ObjectNode>> list(CallerIdentity caller) {
    return Map.of(
        "items",
        definitions.current(caller.tenantId(), kind).stream()
            .map(DefinitionsController::view)
            .toList());
  }

  @GetMapping("/{id}")
  ObjectNode get(
      CallerIdentity caller,
      @PathVariable String id,
      @RequestParam(required = false) Integer version) {
    var found =
        version == null
            ? definitions.latest(caller.tenantId(), kind, id).filter(s -> !s.deleted())
            : definitions.version(caller.tenantId(), kind, id, version);
    return view(found.orElseThrow(() -> notFound(id)));
  }

  @GetMapping("/{id}/versions")
  Map<String, List<ObjectNode>> versions(CallerIdentity caller, @PathVariable String id) {
    List<ObjectNode> all =
        definitions.versions(caller.tenantId(), kind, id).stream()
            .map(DefinitionsController::view)
            .toList();
    if (all.isEmpty()) {
      throw notFound(id);
    }
    return Map.of("items", all);
  }

  @PutMapping("/{id}")
  @RequiresRole(Role.ADMIN)
  ObjectNode update(CallerIdentity caller, @PathVariable String id, @RequestBody JsonNode body) {
    checkId(id);
    ObjectNode object = object(body);
    if (object.path("id").isString() && !object.path("id").stringValue().equals(id)) {
      throw invalid("id", "does not match the path");
    }
    return save(caller, id, object);
  }

  @DeleteMapping("/{id}")
  @RequiresRole(Role.ADMIN)
  ResponseEntity<Void> delete(CallerIdentity caller, @PathVariable String id) {
    Definitions.Stored current =
        definitions
            .latest(caller.tenantId(), kind, id)
            .filter(s -> !s.deleted())
            .orElseThrow(() -> notFound(id));
    definitions.save(caller.tenantId(), kind, id, current.body(), false, true, caller.keyId());
    active.changed();
    return ResponseEntity.noContent().build();
  }

  private ObjectNode save(CallerIdentity caller, String id, ObjectNode object) {
    ObjectNode body = object.deepCopy();
    for (String meta : List.of("id", "version", "enabled", "createdAt", "createdBy", "deleted")) {
      body.remove(meta);
    }
    boolean enabled = !object.path("enabled").isBoolean() || object.path("enabled").booleanValue();
    try {
      if (kind == Definitions.Kind.PLAN) {
        compiler.plan(id, 0, body);
      } else {
        compiler.rule(id, 0, body);
      }
    } catch (DefinitionInvalid e) {
      throw invalid(e.field(), e.getMessage());
    }
    Definitions.Stored stored =
        definitions.save(caller.tenantId(), kind, id, body, enabled, false, caller.keyId());
    active.changed();
    return view(stored);
  }

  static ObjectNode view(Definitions.Stored stored) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("id", stored.id());
    out.put("version", stored.version());
    out.put("enabled", stored.enabled());
    if (stored.deleted()) {
      out.put("deleted", true);
    }
    out.put("createdAt", stored.createdAt().toString());
    out.put("createdBy", stored.createdBy());
    out.setAll((ObjectNode) stored.body());
    return out;
  }

  private static ObjectNode object(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw invalid("", "the body must be a JSON object");
    }
    return (ObjectNode) body;
  }

  private static String newId(ObjectNode body) {
    String name = body.path("name").asString("");
    String slug =
        name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    return slug.isEmpty() || slug.length() > 64 ? UUID.randomUUID().toString() : slug;
  }

  private static void checkId(String id) {
    if (!id.matches(ID)) {
      throw invalid("id", "must match " + ID);
    }
  }

  private ProblemException notFound(String id) {
    return new ProblemException(
        QualityErrorCode.DEFINITION_NOT_FOUND, "no " + kind.column + " '" + id + "'");
  }

  private static ProblemException invalid(String field, String message) {
    return new ProblemException(QualityErrorCode.INVALID_DEFINITION, field + ": " + message)
        .field(field)
        .rule(field.startsWith("expression") ? "expression" : "definition");
  }
}
