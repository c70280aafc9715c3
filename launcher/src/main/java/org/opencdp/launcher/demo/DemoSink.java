package org.opencdp.launcher.demo;

import java.time.LocalDate;
import tools.jackson.databind.node.ObjectNode;

/** Receives the demo stream in order, one event at a time. */
public interface DemoSink {

  void event(ObjectNode event);

  /** Called after the last event of each day ({@code index} from 1 to {@code days}). */
  default void dayDone(LocalDate day, int index, int days) {}
}
