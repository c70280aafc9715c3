package org.opencdp.event;

import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * A {@code /v1/batch} request: the events stay undecoded JSON objects so that each one is judged on
 * its own and a bad event does not sink the others. {@code context}, {@code integrations} and
 * {@code sentAt} at batch level apply to every event that lacks its own.
 */
public record Batch(
    List<ObjectNode> events, ObjectNode context, ObjectNode integrations, String sentAt) {

  public Batch {
    events = List.copyOf(events);
  }
}
