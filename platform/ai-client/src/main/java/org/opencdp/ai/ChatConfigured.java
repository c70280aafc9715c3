package org.opencdp.ai;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches when {@code cdp.ai.chat.base-url} is set and not blank. */
final class ChatConfigured implements Condition {

  @Override
  public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
    String url = context.getEnvironment().getProperty("cdp.ai.chat.base-url");
    return url != null && !url.isBlank();
  }
}
