package org.opencdp.quality.rules;

import java.util.List;
import java.util.Map;
import org.opencdp.event.Reason;

/**
 * What the rules made of one event.
 *
 * @param action the strongest action of every check that failed ({@link Action#ALLOW} when none)
 * @param reasons why, for every failed check whose action is not allow
 * @param ruleVersions {@code plan:<id>} / {@code rule:<id>} to the version that fired
 * @param checks every plan and rule evaluated, with its own outcome, for the metrics
 */
public record Verdict(
    Action action, List<Reason> reasons, Map<String, Integer> ruleVersions, List<Check> checks) {

  public static final Verdict PASS = new Verdict(Action.ALLOW, List.of(), Map.of(), List.of());

  /** One plan or rule and what it said: {@link Action#ALLOW} for passed. */
  public record Check(String rule, int version, Action outcome) {}
}
