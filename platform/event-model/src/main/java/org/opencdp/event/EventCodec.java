package org.opencdp.event;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The platform's one JSON codec for events: strict on the way in (anything that is not clean,
 * bounded JSON is refused with a precise reason), lossless on the way out. Thread-safe.
 */
public final class EventCodec {

  private final JsonLimits limits;
  private final JsonMapper mapper;

  public EventCodec(JsonLimits limits) {
    this.limits = limits;
    this.mapper =
        JsonMapper.builder(
                JsonFactory.builder()
                    .streamReadConstraints(
                        StreamReadConstraints.builder()
                            .maxNestingDepth(limits.maxDepth())
                            .maxStringLength(limits.maxStringLength())
                            .maxNameLength(limits.maxNameLength())
                            .maxNumberLength(limits.maxNumberLength())
                            .maxDocumentLength(
                                Math.max(limits.maxBatchBytes(), limits.maxEventBytes()))
                            .build())
                    .build())
            // Duplicate keys are caught as the tree is built, without a second set of names.
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();
  }

  /** A codec with Segment's limits (32 KB an event, 500 KB a batch). */
  public static EventCodec segment() {
    return new EventCodec(JsonLimits.segment());
  }

  public JsonLimits limits() {
    return limits;
  }

  /** The strictly configured mapper, for callers that stream or read other shapes. */
  public JsonMapper mapper() {
    return mapper;
  }

  /** Parses a whole body that must be exactly one JSON object. */
  public ObjectNode readObject(byte[] json) {
    if (json.length == 0) {
      throw new MalformedJson(MalformedJson.Fault.EMPTY, "the body is empty", null, -1, -1);
    }
    int invalid = Utf8.firstInvalid(json);
    if (invalid >= 0) {
      throw new MalformedJson(
          MalformedJson.Fault.INVALID_STRING,
          "the body is not valid UTF-8 at byte offset " + invalid,
          null,
          -1,
          -1);
    }
    JsonNode node;
    try {
      node = mapper.readTree(json);
    } catch (JacksonException e) {
      throw translate(e);
    }
    ObjectNode object = checkedObject(node);
    // Beyond ~300 digits a plain number literal could exceed a double: then always walk the tree.
    if (limits.maxNumberLength() >= 300 || JsonChecks.mayHide(json)) {
      JsonChecks.check(object, "");
    }
    return object;
  }

  /** Parses text that must be exactly one JSON object (a line of an NDJSON import, say). */
  public ObjectNode readObject(String json) {
    return readObject(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** Reads a {@code /v1/batch} body: {@code {"batch":[...], "context":..., "sentAt":...}}. */
  public Batch readBatch(byte[] json) {
    ObjectNode root = readObject(json);
    JsonNode batch = root.get("batch");
    if (batch == null || !batch.isArray()) {
      throw new MalformedJson(
          MalformedJson.Fault.NOT_AN_OBJECT,
          "the body needs a 'batch' array of events",
          "/batch",
          -1,
          -1);
    }
    List<ObjectNode> events = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      JsonNode item = batch.get(i);
      if (!item.isObject()) {
        throw new MalformedJson(
            MalformedJson.Fault.NOT_AN_OBJECT,
            "batch item " + i + " is not a JSON object",
            "/batch/" + i,
            -1,
            -1);
      }
      events.add((ObjectNode) item);
    }
    return new Batch(
        events, objectOrNull(root, "context"), objectOrNull(root, "integrations"), text(root));
  }

  /** Decodes and validates one event; its type comes from the body. */
  public SegmentEvent decode(ObjectNode node) {
    return EnvelopeReader.read(limits, node, null);
  }

  /**
   * Decodes and validates one event sent to a type's own endpoint: the body may omit {@code type},
   * and a contradicting one is refused.
   */
  public SegmentEvent decode(ObjectNode node, EventType implied) {
    return EnvelopeReader.read(limits, node, implied);
  }

  /** Parses and decodes in one step, for consumers of the platform's own topics. */
  public SegmentEvent decode(byte[] json) {
    return decode(readObject(json));
  }

  public ObjectNode toJson(SegmentEvent event) {
    return EnvelopeWriter.write(event, mapper);
  }

  /** Compact UTF-8 JSON. */
  public byte[] encode(SegmentEvent event) {
    return EnvelopeWriter.encode(event, mapper);
  }

  public byte[] write(JsonNode node) {
    return mapper.writeValueAsBytes(node);
  }

  private ObjectNode checkedObject(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      throw new MalformedJson(MalformedJson.Fault.EMPTY, "no JSON value found", null, -1, -1);
    }
    if (!node.isObject()) {
      throw new MalformedJson(
          MalformedJson.Fault.NOT_AN_OBJECT, "expected a JSON object at the top level", "", 1, 1);
    }
    return (ObjectNode) node;
  }

  private static ObjectNode objectOrNull(ObjectNode root, String field) {
    JsonNode value = root.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isObject()) {
      throw new MalformedJson(
          MalformedJson.Fault.NOT_AN_OBJECT, field + " must be an object", "/" + field, -1, -1);
    }
    return (ObjectNode) value;
  }

  private static String text(ObjectNode root) {
    JsonNode value = root.get("sentAt");
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isString()) {
      throw new MalformedJson(
          MalformedJson.Fault.SYNTAX, "sentAt must be an ISO-8601 string", "/sentAt", -1, -1);
    }
    return value.stringValue();
  }

  private static MalformedJson translate(JacksonException e) {
    TokenStreamLocation at = e.getLocation();
    long line = at == null ? -1 : at.getLineNr();
    long column = at == null ? -1 : at.getColumnNr();
    String original = String.valueOf(e.getOriginalMessage());
    MalformedJson.Fault fault = classify(e, original);
    String message =
        fault == MalformedJson.Fault.DUPLICATE_KEY
            ? duplicateKey(original)
            : firstSentence(original);
    if (line > 0) {
      message = message + " (line " + line + ", column " + column + ")";
    }
    return new MalformedJson(fault, message, null, line, column);
  }

  private static MalformedJson.Fault classify(JacksonException e, String message) {
    if (message.startsWith("Duplicate ")) {
      return MalformedJson.Fault.DUPLICATE_KEY;
    }
    if (e instanceof StreamConstraintsException) {
      return message.contains("depth")
          ? MalformedJson.Fault.TOO_DEEP
          : MalformedJson.Fault.TOO_LONG;
    }
    return MalformedJson.Fault.SYNTAX;
  }

  /** Jackson names its own classes in this message: say it in the platform's words. */
  private static String duplicateKey(String message) {
    int open = message.indexOf('"');
    int close = open < 0 ? -1 : message.indexOf('"', open + 1);
    String name = close > open ? message.substring(open + 1, close) : "?";
    return "duplicate key '" + (name.length() > 64 ? name.substring(0, 64) + "…" : name) + "'";
  }

  /** Jackson's messages may continue with hints about its own features: keep the first line. */
  private static String firstSentence(String message) {
    // Backticked names are Jackson's own types and features, not the client's input.
    String line =
        message.lines().findFirst().orElse("malformed JSON").replaceAll("`[^`]*`", "value");
    int hint = line.indexOf(" (for ");
    if (hint > 0) {
      line = line.substring(0, hint);
    }
    return line.length() > 200 ? line.substring(0, 200) + "…" : line;
  }
}
