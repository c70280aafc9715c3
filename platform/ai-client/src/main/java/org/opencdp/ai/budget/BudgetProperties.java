package org.opencdp.ai.budget;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How many language-model tokens a tenant may spend per UTC day ({@code cdp.ai.budget.*}).
 *
 * @param dailyTokens prompt plus completion tokens per tenant and day; 0 or less means unlimited
 */
@ConfigurationProperties("cdp.ai.budget")
public record BudgetProperties(@DefaultValue("200000") long dailyTokens) {}
