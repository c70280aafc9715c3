package org.opencdp.ai.budget;

/** A tenant has spent its daily token budget; thrown before the model is called. */
public final class BudgetExhausted extends RuntimeException {

  private final String tenant;

  public BudgetExhausted(String tenant, long spent, long limit) {
    super("tenant " + tenant + " has used " + spent + " of its " + limit + " tokens today");
    this.tenant = tenant;
  }

  public String tenant() {
    return tenant;
  }
}
