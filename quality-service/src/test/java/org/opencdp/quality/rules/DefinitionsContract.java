package org.opencdp.quality.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencdp.quality.TestEvents;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What the plan and rule store must do on every database the service supports. */
abstract class DefinitionsContract {

  Definitions definitions;
  String tenant;

  abstract DataSource dataSource();

  @BeforeEach
  void store() {
    definitions =
        new Definitions(
            JdbcClient.create(dataSource()), TestEvents.CODEC.mapper(), Clock.systemUTC());
    tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void everySaveIsANewImmutableVersionAndTheLatestIsCurrent() {
    var body1 = TestEvents.CODEC.mapper().readTree("{\"expression\":\"true\"}");
    var body2 = TestEvents.CODEC.mapper().readTree("{\"expression\":\"false\"}");
    long before = definitions.revision();

    assertThat(
            definitions
                .save(tenant, Definitions.Kind.RULE, "r", body1, true, false, "k1")
                .version())
        .isEqualTo(1);
    assertThat(
            definitions
                .save(tenant, Definitions.Kind.RULE, "r", body2, true, false, "k2")
                .version())
        .isEqualTo(2);

    assertThat(definitions.latest(tenant, Definitions.Kind.RULE, "r").orElseThrow().body())
        .isEqualTo(body2);
    assertThat(definitions.version(tenant, Definitions.Kind.RULE, "r", 1).orElseThrow().body())
        .isEqualTo(body1);
    assertThat(definitions.versions(tenant, Definitions.Kind.RULE, "r"))
        .extracting(Definitions.Stored::createdBy)
        .containsExactly("k1", "k2");
    assertThat(definitions.revision()).isEqualTo(before + 2);
  }

  @Test
  void deletedAndDisabledDefinitionsAreNotActive() {
    var body = TestEvents.CODEC.mapper().readTree("{\"events\":[]}");
    definitions.save(tenant, Definitions.Kind.PLAN, "a", body, true, false, "k");
    definitions.save(tenant, Definitions.Kind.PLAN, "b", body, true, false, "k");
    definitions.save(tenant, Definitions.Kind.PLAN, "b", body, false, false, "k");
    definitions.save(tenant, Definitions.Kind.PLAN, "c", body, true, false, "k");
    definitions.save(tenant, Definitions.Kind.PLAN, "c", body, false, true, "k");

    assertThat(definitions.allActive())
        .filteredOn(s -> s.tenantId().equals(tenant))
        .extracting(Definitions.Stored::id)
        .containsExactly("a");
    assertThat(definitions.current(tenant, Definitions.Kind.PLAN))
        .extracting(Definitions.Stored::id)
        .containsExactly("a", "b");
    assertThat(definitions.current(tenant, Definitions.Kind.RULE)).isEmpty();
  }
}
