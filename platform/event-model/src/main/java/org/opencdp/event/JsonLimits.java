package org.opencdp.event;

/**
 * Bounds on the JSON the platform accepts. The defaults follow the Segment HTTP API: 32 KB per
 * event, 500 KB per batch.
 *
 * @param maxEventBytes largest accepted event, encoded
 * @param maxBatchBytes largest accepted batch request body
 * @param maxDepth deepest nesting of objects and arrays
 * @param maxStringLength longest string value, in characters
 * @param maxNameLength longest property name, in characters
 * @param maxNumberLength longest number literal, in characters
 * @param maxIdLength longest messageId, userId, anonymousId, groupId or previousId
 */
public record JsonLimits(
    int maxEventBytes,
    int maxBatchBytes,
    int maxDepth,
    int maxStringLength,
    int maxNameLength,
    int maxNumberLength,
    int maxIdLength) {

  public static final int SEGMENT_EVENT_BYTES = 32 * 1024;
  public static final int SEGMENT_BATCH_BYTES = 500 * 1024;

  public JsonLimits {
    positive(maxEventBytes, "maxEventBytes");
    positive(maxBatchBytes, "maxBatchBytes");
    positive(maxDepth, "maxDepth");
    positive(maxStringLength, "maxStringLength");
    positive(maxNameLength, "maxNameLength");
    positive(maxNumberLength, "maxNumberLength");
    positive(maxIdLength, "maxIdLength");
  }

  public static JsonLimits segment() {
    return new JsonLimits(
        SEGMENT_EVENT_BYTES, SEGMENT_BATCH_BYTES, 32, SEGMENT_EVENT_BYTES, 256, 64, 512);
  }

  /**
   * These limits with other event and body sizes; a string may then be as long as an event.
   * Services use it to apply their configured sizes.
   */
  public JsonLimits withSizes(int eventBytes, int bodyBytes) {
    return new JsonLimits(
        eventBytes, bodyBytes, maxDepth, eventBytes, maxNameLength, maxNumberLength, maxIdLength);
  }

  private static void positive(int value, String name) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive, was " + value);
    }
  }
}
