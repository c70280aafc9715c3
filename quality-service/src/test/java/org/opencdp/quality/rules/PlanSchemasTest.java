package org.opencdp.quality.rules;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.opencdp.quality.TestEvents;

class PlanSchemasTest {

  final PlanSchemas schemas = new PlanSchemas();

  @Test
  void refusesASchemaThatBreaksTheMetaSchemaNamingWhere() {
    var broken =
        TestEvents.CODEC
            .mapper()
            .readTree("{\"type\":\"object\",\"properties\":{\"a\":{\"type\":5}}}");
    assertThatThrownBy(() -> schemas.compile(broken, "events[0].schema"))
        .isInstanceOf(DefinitionInvalid.class)
        .hasMessageContaining("not a valid JSON Schema")
        .satisfies(
            e ->
                org.assertj.core.api.Assertions.assertThat(((DefinitionInvalid) e).field())
                    .startsWith("events[0].schema"));
  }

  @Test
  void neverFetchesARemoteReference() {
    var remote = TestEvents.CODEC.mapper().readTree("{\"$ref\":\"http://127.0.0.1:9/evil.json\"}");
    assertThatThrownBy(() -> schemas.compile(remote, "events[0].schema"))
        .isInstanceOf(DefinitionInvalid.class);
  }

  @Test
  void refusesAPlanWithoutEventsOrWithAnUnknownMode() {
    var compiler = new ActiveRules.Compiler();
    assertThatThrownBy(
            () ->
                compiler.plan(
                    "p",
                    1,
                    TestEvents.CODEC.mapper().readTree("{\"mode\":\"drop\",\"events\":[]}")))
        .isInstanceOf(DefinitionInvalid.class)
        .hasMessageContaining("allow, flag, quarantine");
    assertThatThrownBy(
            () ->
                compiler.plan(
                    "p",
                    1,
                    TestEvents.CODEC.mapper().readTree("{\"events\":[{\"type\":\"track\"}]}")))
        .isInstanceOf(DefinitionInvalid.class)
        .hasMessageContaining("needs a name");
  }
}
