package org.opencdp.servicekit.auth;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when the configured key has its private part: a service given only the public JWK gets a
 * verifier and no signer.
 */
final class SigningKeyCondition extends SpringBootCondition {

  @Override
  public ConditionOutcome getMatchOutcome(
      ConditionContext context, AnnotatedTypeMetadata metadata) {
    AuthProperties props =
        Binder.get(context.getEnvironment()).bindOrCreate("cdp.auth", AuthProperties.class);
    try {
      return KeySource.canSign(props)
          ? ConditionOutcome.match("the internal token key has its private part")
          : ConditionOutcome.noMatch("the internal token key is public only");
    } catch (RuntimeException unreadable) {
      // The key bean reports the problem itself, with the full reason.
      return ConditionOutcome.noMatch("the internal token key cannot be read");
    }
  }
}
