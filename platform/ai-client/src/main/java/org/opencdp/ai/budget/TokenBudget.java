package org.opencdp.ai.budget;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each tenant's token spend of the current UTC day, in memory: a restart forgives the day's spend,
 * which costs at most one day's budget per restart.
 */
public final class TokenBudget {

  private final BudgetProperties properties;
  private final Clock clock;
  private final Map<String, Spend> spend = new ConcurrentHashMap<>();

  public TokenBudget(BudgetProperties properties, Clock clock) {
    this.properties = properties;
    this.clock = clock;
  }

  /** Refuses with {@link BudgetExhausted} when the tenant has nothing left today. */
  public void check(String tenant) {
    long limit = properties.dailyTokens();
    long spent = spent(tenant);
    if (limit > 0 && spent >= limit) {
      throw new BudgetExhausted(tenant, spent, limit);
    }
  }

  /** Adds what a call used. */
  public void record(String tenant, long tokens) {
    LocalDate today = today();
    spend.compute(
        tenant,
        (t, s) ->
            s == null || !s.day.equals(today)
                ? new Spend(today, tokens)
                : new Spend(today, s.tokens + tokens));
  }

  /** Tokens the tenant used today. */
  public long spent(String tenant) {
    Spend s = spend.get(tenant);
    return s == null || !s.day.equals(today()) ? 0 : s.tokens;
  }

  /** Tokens the tenant has left today (Long.MAX_VALUE when unlimited). */
  public long remaining(String tenant) {
    long limit = properties.dailyTokens();
    return limit <= 0 ? Long.MAX_VALUE : Math.max(0, limit - spent(tenant));
  }

  private LocalDate today() {
    return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
  }

  private record Spend(LocalDate day, long tokens) {}
}
