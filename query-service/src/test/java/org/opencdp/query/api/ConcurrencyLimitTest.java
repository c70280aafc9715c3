package org.opencdp.query.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opencdp.query.TestClient.body;
import static org.opencdp.query.TestClient.json;

import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencdp.query.TestClient;
import org.opencdp.query.TestLake;
import org.opencdp.servicekit.auth.InternalTokenSigner;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "cdp.data-dir=target/test-data",
      "cdp.query.max-concurrent=1",
      "cdp.query.queue-wait=0s",
      "cdp.query.cache.enabled=false"
    })
class ConcurrencyLimitTest {

  static final TestLake LAKE = TestLake.fresh("concurrency");

  @DynamicPropertySource
  static void lakeRoot(DynamicPropertyRegistry registry) {
    registry.add("cdp.lake.root", () -> LAKE.root().toString());
  }

  @BeforeAll
  static void lake() {
    LAKE.events("busy", 300);
  }

  @LocalServerPort int port;
  @Autowired InternalTokenSigner signer;

  @Test
  void answers429WithRetryAfterWhenEverySlotIsTaken() throws Exception {
    TestClient client = new TestClient(port, signer);
    String slow =
        body(
            "select count(*) from events a, events b, events c, events d where a.price + b.price"
                + " + c.price + d.price > 1",
            "\"timeoutMs\":3000");
    assertThat(client.sql("busy", body("select count(*) from events")).statusCode())
        .isEqualTo(200); // opens the tenant's database, so the slow query starts at once
    CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(() -> null);
    HttpResponse<String> second = null;
    // the slow query holds the only slot for about 3 s: some request meanwhile must be refused.
    // A probe sent before the slow query took the slot refuses the slow query instead: start it
    // again then.
    for (int i = 0; i < 200 && (second == null || second.statusCode() == 200); i++) {
      if (first.isDone() && (first.join() == null || first.join().statusCode() == 429)) {
        first = CompletableFuture.supplyAsync(() -> client.sql("busy", slow));
        Thread.sleep(50);
      }
      second = client.sql("busy", body("select 1"));
    }

    assertThat(second.statusCode()).as(second.body()).isEqualTo(429);
    assertThat(second.headers().firstValue("Retry-After")).hasValue("1");
    assertThat(json(second).path("code").asString()).isEqualTo("too-many-queries");
    assertThat(first.get().statusCode()).isEqualTo(408);
  }
}
