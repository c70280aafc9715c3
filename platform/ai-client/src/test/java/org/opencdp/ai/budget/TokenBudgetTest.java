package org.opencdp.ai.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TokenBudgetTest {

  static final class MovableClock extends Clock {
    Instant now = Instant.parse("2026-12-03T23:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void refusesATenantOnceItsDailyTokensAreSpentAndOnlyThatTenant() {
    TokenBudget budget = new TokenBudget(new BudgetProperties(100), Clock.systemUTC());
    budget.record("acme", 60);
    budget.check("acme");
    budget.record("acme", 40);

    assertThatThrownBy(() -> budget.check("acme"))
        .isInstanceOf(BudgetExhausted.class)
        .hasMessageContaining("100 of its 100");
    budget.check("other");
    assertThat(budget.remaining("acme")).isZero();
    assertThat(budget.remaining("other")).isEqualTo(100);
  }

  @Test
  void aNewUtcDayStartsAFreshBudget() {
    MovableClock clock = new MovableClock();
    TokenBudget budget = new TokenBudget(new BudgetProperties(10), clock);
    budget.record("acme", 10);
    assertThatThrownBy(() -> budget.check("acme")).isInstanceOf(BudgetExhausted.class);

    clock.now = clock.now.plus(Duration.ofHours(2));

    budget.check("acme");
    assertThat(budget.spent("acme")).isZero();
  }

  @Test
  void zeroMeansUnlimited() {
    TokenBudget budget = new TokenBudget(new BudgetProperties(0), Clock.systemUTC());
    budget.record("acme", 1_000_000_000);
    budget.check("acme");
    assertThat(budget.remaining("acme")).isEqualTo(Long.MAX_VALUE);
  }
}
