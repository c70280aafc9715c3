package org.opencdp.ai.rag.grounding;

import java.util.List;

/** Whether every figure of an answer is found in its sources, and which are not. */
public record Grounding(boolean grounded, List<String> unsupported) {

  public Grounding {
    unsupported = List.copyOf(unsupported);
  }
}
