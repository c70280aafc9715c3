package org.opencdp.quality.quarantine;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opencdp.event.EventCodec;
import org.opencdp.quality.QualityErrorCode;
import org.opencdp.servicekit.problem.ProblemException;
import org.opencdp.servicekit.tenant.CallerIdentity;
import org.opencdp.servicekit.tenant.RequiresRole;
import org.opencdp.servicekit.tenant.Role;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** The quarantine of the caller's tenant (ARCHITECTURE §5): list, read, replay, discard, audit. */
@RestController
@RequestMapping("/v1/quality/quarantine")
@RequiresRole({Role.ADMIN, Role.ANALYST})
class QuarantineController {

  private static final int MAX_LIMIT = 1000;
  private static final int MAX_BULK = 1000;

  private final Quarantine quarantine;
  private final Replayer replayer;
  private final EventCodec codec;

  QuarantineController(Quarantine quarantine, Replayer replayer, EventCodec codec) {
    this.quarantine = quarantine;
    this.replayer = replayer;
    this.codec = codec;
  }

  @GetMapping
  Map<String, Object> list(
      CallerIdentity caller,
      @RequestParam(defaultValue = "100") int limit,
      @RequestParam(required = false) String reason,
      @RequestParam(required = false) String event,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(defaultValue = "quarantined") String status,
      @RequestParam(required = false) String next) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw invalidQuery("limit", "must be 1.." + MAX_LIMIT);
    }
    Quarantine.Filter filter = filter(reason, event, from, to, status);
    Quarantine.Page page;
    try {
      page = quarantine.page(caller.tenantId(), filter, limit, blankToNull(next));
    } catch (IllegalArgumentException e) {
      throw invalidQuery("next", e.getMessage());
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("items", page.items().stream().map(this::item).toList());
    out.put("next", page.next());
    return out;
  }

  @GetMapping("/{id}")
  ObjectNode get(CallerIdentity caller, @PathVariable String id) {
    return item(find(caller, id));
  }

  @GetMapping("/audit")
  Map<String, List<Quarantine.Audit>> audit(
      CallerIdentity caller,
      @RequestParam(required = false) String id,
      @RequestParam(defaultValue = "100") int limit) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw invalidQuery("limit", "must be 1.." + MAX_LIMIT);
    }
    return Map.of("items", quarantine.auditTrail(caller.tenantId(), blankToNull(id), limit));
  }

  /**
   * {@code {"ids":[...]} } or {@code {"filter":{"reason","event","from","to"}} }, optionally {@code
   * "edits":{"<id>":{payload}}} and {@code "reason":"why"}.
   */
  @PostMapping("/replay")
  @RequiresRole(Role.ADMIN)
  Map<String, List<Replayer.Outcome>> replay(CallerIdentity caller, @RequestBody JsonNode body) {
    JsonNode edits = body.path("edits");
    String why = body.path("reason").isString() ? body.path("reason").stringValue() : null;
    List<Replayer.Outcome> outcomes = new ArrayList<>();
    for (Quarantine.Record record : selected(caller, body)) {
      JsonNode edited = edits.isObject() ? edits.get(record.id()) : null;
      if (edited != null && !edited.isObject()) {
        throw new ProblemException(
                QualityErrorCode.INVALID_REPLAY, "an edited payload must be a JSON object")
            .field("edits." + record.id());
      }
      outcomes.add(replayer.replay(caller, record, edited == null ? null : edited.deepCopy(), why));
    }
    return Map.of("items", outcomes);
  }

  /** {@code {"ids":[...], "reason":"why"}}: the reason is required, it is the audit trail. */
  @PostMapping("/discard")
  @RequiresRole(Role.ADMIN)
  Map<String, List<Replayer.Outcome>> discard(CallerIdentity caller, @RequestBody JsonNode body) {
    String why = body.path("reason").isString() ? body.path("reason").stringValue().strip() : "";
    if (why.isEmpty()) {
      throw new ProblemException(QualityErrorCode.INVALID_REPLAY, "a reason is required to discard")
          .field("reason")
          .rule("required");
    }
    List<Replayer.Outcome> outcomes = new ArrayList<>();
    for (Quarantine.Record record : selected(caller, body)) {
      boolean done =
          quarantine.transition(caller.tenantId(), record.id(), "discarded", caller.keyId());
      if (done) {
        quarantine.audit(caller.tenantId(), record.id(), "discard", caller.keyId(), why, null);
      }
      outcomes.add(
          new Replayer.Outcome(
              record.id(), done ? "discarded" : "skipped: " + record.status(), List.of()));
    }
    return Map.of("items", outcomes);
  }

  private List<Quarantine.Record> selected(CallerIdentity caller, JsonNode body) {
    if (body == null || !body.isObject()) {
      throw new ProblemException(QualityErrorCode.INVALID_REPLAY, "the body must be a JSON object");
    }
    JsonNode ids = body.path("ids");
    if (ids.isArray()) {
      if (ids.isEmpty() || ids.size() > MAX_BULK) {
        throw new ProblemException(
                QualityErrorCode.INVALID_REPLAY, "ids must hold 1.." + MAX_BULK + " ids")
            .field("ids");
      }
      List<Quarantine.Record> records = new ArrayList<>();
      for (JsonNode id : ids) {
        records.add(find(caller, id.asString("")));
      }
      return records;
    }
    JsonNode f = body.path("filter");
    if (!f.isObject()) {
      throw new ProblemException(QualityErrorCode.INVALID_REPLAY, "give ids or a filter")
          .field("ids")
          .rule("required");
    }
    Quarantine.Filter filter =
        filter(text(f, "reason"), text(f, "event"), text(f, "from"), text(f, "to"), "quarantined");
    return quarantine.page(caller.tenantId(), filter, MAX_BULK, null).items();
  }

  private Quarantine.Record find(CallerIdentity caller, String id) {
    return quarantine
        .find(caller.tenantId(), id)
        .orElseThrow(
            () ->
                new ProblemException(
                    QualityErrorCode.QUARANTINE_NOT_FOUND, "no quarantined record '" + id + "'"));
  }

  private ObjectNode item(Quarantine.Record r) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("id", r.id());
    out.put("messageId", r.messageId());
    out.set("reasons", json(r.reasons()));
    out.put("receivedAt", r.receivedAt().toString());
    out.set("payload", payload(r.payload()));
    out.put("event", r.event());
    out.put("stage", r.stage());
    out.put("status", r.status());
    if (r.statusAt() != null) {
      out.put("statusAt", r.statusAt().toString());
      out.put("statusBy", r.statusBy());
    }
    out.set("ruleVersions", r.ruleVersions() == null ? null : json(r.ruleVersions()));
    return out;
  }

  private JsonNode payload(byte[] bytes) {
    try {
      return codec.mapper().readTree(bytes);
    } catch (RuntimeException notJson) {
      return JsonNodeFactory.instance.stringNode(new String(bytes, StandardCharsets.UTF_8));
    }
  }

  private JsonNode json(String text) {
    try {
      return codec.mapper().readTree(text);
    } catch (RuntimeException e) {
      return JsonNodeFactory.instance.stringNode(text);
    }
  }

  private static Quarantine.Filter filter(
      String reason, String event, String from, String to, String status) {
    if (!List.of("quarantined", "replayed", "discarded", "all").contains(status)) {
      throw invalidQuery("status", "must be quarantined, replayed, discarded or all");
    }
    return new Quarantine.Filter(
        blankToNull(reason),
        blankToNull(event),
        instant("from", from),
        instant("to", to),
        "all".equals(status) ? null : status);
  }

  /** An ISO instant, or a day meaning its start (UTC). */
  private static Instant instant(String field, String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return text.length() == 10
          ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
          : Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw invalidQuery(field, "must be an ISO-8601 instant or yyyy-mm-dd; got '" + text + "'");
    }
  }

  private static String text(JsonNode node, String field) {
    return node.path(field).isString() ? node.path(field).stringValue() : null;
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text;
  }

  private static ProblemException invalidQuery(String field, String message) {
    return new ProblemException(QualityErrorCode.INVALID_QUERY, field + " " + message).field(field);
  }
}
