package org.opencdp.ingest.documents;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.opencdp.event.Document;
import org.opencdp.event.EventCodec;
import org.opencdp.event.JsonLimits;
import org.opencdp.event.MalformedJson;
import org.opencdp.event.RecordKeys;
import org.opencdp.ingest.IngestErrorCode;
import org.opencdp.ingest.IngestProperties;
import org.opencdp.ingest.publish.EventLog;
import org.opencdp.ingest.web.RequestBodies;
import org.opencdp.servicekit.problem.ProblemException;
import org.opencdp.servicekit.tenant.CallerIdentity;
import org.opencdp.servicekit.tenant.RequiresRole;
import org.opencdp.servicekit.tenant.Role;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /v1/documents}: unstructured text (product docs, notes, logs, past reports) for the
 * knowledge base, onto {@code cdp.raw.documents}. 202 once Kafka has it.
 */
@RestController
@RequiresRole(Role.WRITE)
@Tag(name = "Documents", description = "Unstructured text for the knowledge base")
class DocumentsController {

  private static final Set<String> FIELDS =
      Set.of("documentId", "title", "text", "language", "tags");
  private static final Pattern DOCUMENT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/-]{0,255}");
  private static final Pattern LANGUAGE = Pattern.compile("[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*");
  private static final int MAX_TITLE = 1000;
  private static final int MAX_TAGS = 50;
  private static final int MAX_TAG = 100;

  private final EventLog log;
  private final EventCodec codec;
  private final Clock clock;
  private final int maxBytes;

  DocumentsController(EventLog log, IngestProperties properties, Clock clock) {
    this.log = log;
    this.clock = clock;
    this.maxBytes = (int) properties.maxDocumentSize().toBytes();
    this.codec = new EventCodec(JsonLimits.segment().withSizes(maxBytes, maxBytes));
  }

  @Operation(
      summary = "Send a document to the knowledge base",
      description =
          "documentId (optional, generated when absent), title, text (required), language"
              + " (BCP 47), tags. 202 once Kafka has it.")
  @io.swagger.v3.oas.annotations.parameters.RequestBody(
      content =
          @Content(
              examples =
                  @ExampleObject(
                      "{\"documentId\":\"doc-1\",\"title\":\"Q2 review\",\"text\":\"产品A的Q2销量同比增长30%\","
                          + "\"language\":\"zh\",\"tags\":[\"product-a\"]}")))
  @PostMapping(path = "/v1/documents", produces = MediaType.APPLICATION_JSON_VALUE)
  @ResponseStatus(HttpStatus.ACCEPTED)
  Map<String, Object> post(HttpServletRequest request, CallerIdentity caller) throws IOException {
    byte[] body = RequestBodies.read(request, maxBytes, IngestErrorCode.BODY_TOO_LARGE);
    ObjectNode node;
    try {
      node = codec.readObject(body);
    } catch (MalformedJson e) {
      throw new ProblemException(IngestErrorCode.MALFORMED_JSON, e.getMessage());
    }
    Document document = read(node, caller);
    byte[] value = codec.mapper().writeValueAsBytes(document);
    log.publish(
        List.of(
            EventLog.record(
                log.topics().rawDocuments(),
                caller.tenantId(),
                RecordKeys.tenant(caller.tenantId()),
                value)));
    return Map.of("documentId", document.documentId());
  }

  private Document read(ObjectNode node, CallerIdentity caller) {
    for (String name : node.propertyNames()) {
      if (!FIELDS.contains(name)) {
        throw invalid(
            name,
            "unknown field; a document has "
                + String.join(", ", FIELDS.stream().sorted().toList()));
      }
    }
    String id = string(node, "documentId", 256);
    if (id == null) {
      id = UUID.randomUUID().toString();
    } else if (!DOCUMENT_ID.matcher(id).matches()) {
      throw invalid(
          "documentId",
          "use letters, digits and . _ : / - (at most 256), starting with a letter or digit");
    }
    String text = string(node, "text", maxBytes);
    if (text == null || text.isBlank()) {
      throw invalid("text", "a document needs non-empty text");
    }
    String language = string(node, "language", 35);
    if (language != null && !LANGUAGE.matcher(language).matches()) {
      throw invalid("language", "must be a BCP 47 tag such as en, zh or zh-CN");
    }
    String source = caller.sourceId() != null ? caller.sourceId() : caller.keyId();
    return new Document(
        id,
        string(node, "title", MAX_TITLE),
        text,
        language,
        tags(node),
        caller.tenantId(),
        source,
        clock.instant());
  }

  private List<String> tags(ObjectNode node) {
    JsonNode tags = node.get("tags");
    if (tags == null || tags.isNull()) {
      return List.of();
    }
    if (!tags.isArray() || tags.size() > MAX_TAGS) {
      throw invalid("tags", "must be an array of at most " + MAX_TAGS + " strings");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode tag : tags) {
      if (!tag.isString() || tag.stringValue().isBlank() || tag.stringValue().length() > MAX_TAG) {
        throw invalid(
            "tags", "each tag must be a non-empty string of at most " + MAX_TAG + " characters");
      }
      out.add(tag.stringValue());
    }
    return out;
  }

  private static String string(ObjectNode node, String field, int max) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isString()) {
      throw invalid(field, "must be a string");
    }
    if (value.stringValue().length() > max) {
      throw invalid(field, "must be at most " + max + " characters");
    }
    return value.stringValue();
  }

  private static ProblemException invalid(String field, String message) {
    return new ProblemException(IngestErrorCode.INVALID_DOCUMENT, field + ": " + message)
        .field(field);
  }
}
