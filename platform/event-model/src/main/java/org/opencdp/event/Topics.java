package org.opencdp.event;

/**
 * The Kafka topic names every OpenCDP service agrees on, configurable, with the defaults of
 * ARCHITECTURE §5.
 */
public record Topics(
    String rawEvents,
    String cleanEvents,
    String quarantineEvents,
    String rawDocuments,
    String recoFeedback,
    String insightAlerts) {

  public static final String RAW_EVENTS = "cdp.raw.events";
  public static final String CLEAN_EVENTS = "cdp.clean.events";
  public static final String QUARANTINE_EVENTS = "cdp.quarantine.events";
  public static final String RAW_DOCUMENTS = "cdp.raw.documents";
  public static final String RECO_FEEDBACK = "cdp.reco.feedback";
  public static final String INSIGHT_ALERTS = "cdp.insight.alerts";

  /** Any name left empty falls back to its default. */
  public Topics {
    rawEvents = orDefault(rawEvents, RAW_EVENTS);
    cleanEvents = orDefault(cleanEvents, CLEAN_EVENTS);
    quarantineEvents = orDefault(quarantineEvents, QUARANTINE_EVENTS);
    rawDocuments = orDefault(rawDocuments, RAW_DOCUMENTS);
    recoFeedback = orDefault(recoFeedback, RECO_FEEDBACK);
    insightAlerts = orDefault(insightAlerts, INSIGHT_ALERTS);
  }

  public static Topics defaults() {
    return new Topics(null, null, null, null, null, null);
  }

  private static String orDefault(String name, String fallback) {
    return name == null || name.isBlank() ? fallback : name.strip();
  }
}
