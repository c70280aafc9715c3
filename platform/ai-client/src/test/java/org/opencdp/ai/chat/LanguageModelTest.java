package org.opencdp.ai.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencdp.ai.budget.BudgetExhausted;
import org.opencdp.ai.budget.BudgetProperties;
import org.opencdp.ai.budget.TokenBudget;
import org.opencdp.ai.budget.TokenMeter;
import org.opencdp.ai.chat.FakeOpenAi.Ok;
import org.opencdp.ai.chat.FakeOpenAi.Slow;
import org.opencdp.ai.chat.FakeOpenAi.Status;

/** The chat client against a real HTTP server speaking the OpenAI wire format. */
class LanguageModelTest {

  static final ChatPrompt PROMPT = new ChatPrompt("be brief", "hello");

  FakeOpenAi server;
  SimpleMeterRegistry registry = new SimpleMeterRegistry();
  TokenBudget budget;
  ModelCalls calls;

  /** The first call of a JVM loads the SDK and Spring AI, slower than the tests' timeout. */
  @BeforeAll
  static void warmUp() throws Exception {
    LanguageModelTest warm = new LanguageModelTest();
    warm.start();
    warm.model(0).complete("warm-up", "test", PROMPT);
    warm.model(0).stream("warm-up", "test", PROMPT, piece -> {});
    warm.stop();
  }

  @BeforeEach
  void start() throws Exception {
    server = new FakeOpenAi();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  LanguageModel model(long dailyTokens) {
    budget = new TokenBudget(new BudgetProperties(dailyTokens), Clock.systemUTC());
    calls = new ModelCalls(resilience());
    ChatProperties chat =
        new ChatProperties(
            server.baseUrl(),
            "test-model",
            "sk-test",
            Duration.ofMillis(2000),
            200,
            0.1,
            Map.of("test-model", new BigDecimal("0.5")),
            100,
            Duration.ofMinutes(1));
    return new LanguageModel(chat, calls, budget, new TokenMeter(registry, chat.costPer1kTokens()));
  }

  static ResilienceProperties resilience() {
    return new ResilienceProperties(
        3,
        Duration.ofMillis(50),
        Duration.ofSeconds(2),
        50,
        4,
        4,
        Duration.ofMinutes(1),
        4,
        Duration.ofMillis(500));
  }

  @Test
  void answersAndMetersTokensAndCostPerTenantFeatureAndModel() {
    server.then(new Ok("hi there"));

    Completion c = model(0).complete("acme", "test", PROMPT);

    assertThat(c.text()).isEqualTo("hi there");
    assertThat(c.promptTokens() + c.completionTokens()).isEqualTo(17);
    assertThat(budget.spent("acme")).isEqualTo(17);
    assertThat(
            registry
                .get("cdp.ai.tokens")
                .tags("tenant", "acme", "feature", "test", "model", "test-model", "kind", "prompt")
                .counter()
                .count())
        .isEqualTo(12);
    assertThat(registry.get("cdp.ai.cost").tags("tenant", "acme").counter().count())
        .isEqualTo(17 * 0.5 / 1000);
    assertThat(server.bodies().get(0)).contains("\"model\":\"test-model\"").contains("hello");
  }

  @Test
  void retriesA429AfterTheWaitTheServerAskedFor() {
    server.then(new Status(429, "1"), new Ok("after the wait"));
    LanguageModel model = model(0);

    long start = System.nanoTime();
    Completion c = model.complete("acme", "test", PROMPT);

    assertThat(c.text()).isEqualTo("after the wait");
    assertThat(server.chatRequests()).isEqualTo(2);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(900));
  }

  @Test
  void retriesServerErrorsWithBackoff() {
    server.then(new Status(500, null), new Status(503, null), new Ok("third time"));

    assertThat(model(0).complete("acme", "test", PROMPT).text()).isEqualTo("third time");
    assertThat(server.chatRequests()).isEqualTo(3);
  }

  @Test
  void givesUpOnAnAnswerSlowerThanTheTimeoutAndTriesAgain() {
    server.then(new Slow(4_000, "too late"), new Ok("in time"));

    assertThat(model(0).complete("acme", "test", PROMPT).text()).isEqualTo("in time");
    assertThat(server.chatRequests()).isEqualTo(2);
  }

  @Test
  void doesNotRetryARequestTheServerRefuses() {
    server.then(new Status(400, null));

    assertThatThrownBy(() -> model(0).complete("acme", "test", PROMPT))
        .isInstanceOf(ModelCallFailed.class)
        .satisfies(e -> assertThat(((ModelCallFailed) e).status()).isEqualTo(400));
    assertThat(server.chatRequests()).isEqualTo(1);
  }

  @Test
  void opensTheBreakerAfterRepeatedFailuresAndStopsCallingTheServer() {
    server.otherwise(new Status(500, null));
    LanguageModel model = model(0);

    assertThatThrownBy(() -> model.complete("acme", "test", PROMPT))
        .isInstanceOf(ModelCallFailed.class);
    assertThatThrownBy(() -> model.complete("acme", "test", PROMPT))
        .isInstanceOf(CallNotPermittedException.class);
    int seen = server.chatRequests();
    assertThatThrownBy(() -> model.complete("acme", "test", PROMPT))
        .isInstanceOf(CallNotPermittedException.class);

    assertThat(calls.state("chat")).isEqualTo(CircuitBreaker.State.OPEN);
    assertThat(server.chatRequests()).isEqualTo(seen).isEqualTo(4);
  }

  @Test
  void refusesATenantOverItsDailyBudgetWithoutCallingTheModel() {
    LanguageModel model = model(30);
    model.complete("acme", "test", PROMPT);
    model.complete("acme", "test", PROMPT);

    assertThatThrownBy(() -> model.complete("acme", "test", PROMPT))
        .isInstanceOf(BudgetExhausted.class)
        .hasMessageContaining("34 of its 30");
    assertThat(server.chatRequests()).isEqualTo(2);
    assertThat(model.complete("other", "test", PROMPT).text()).isEqualTo("ok");
  }

  @Test
  void streamsTheAnswerPieceByPieceOverServerSentEvents() {
    server.then(new Ok("streamed answer"));
    List<String> pieces = new ArrayList<>();

    Completion c = model(0).stream("acme", "test", PROMPT, pieces::add);

    assertThat(pieces).hasSizeGreaterThanOrEqualTo(2);
    assertThat(String.join("", pieces)).isEqualTo("streamed answer");
    assertThat(c.text()).isEqualTo("streamed answer");
    assertThat(server.bodies().get(0)).contains("\"stream\":true");
  }

  record Summary(String headline, Integer score) {}

  @Test
  void parsesStructuredOutputAndRepairsAnInvalidAnswerOnce() {
    server.then(new Ok("Sure! {\"headline\":\"up\"}"), new Ok("{\"headline\":\"up\",\"score\":3}"));

    Summary s = model(0).structured("acme", "test", PROMPT, Summary.class);

    assertThat(s).isEqualTo(new Summary("up", 3));
    assertThat(server.chatRequests()).isEqualTo(2);
    assertThat(server.bodies().get(1)).contains("score").contains("is missing");
  }

  @Test
  void failsStructuredOutputThatStaysInvalidAfterTheRepair() {
    server.then(new Ok("no json"), new Ok("still none"));

    assertThatThrownBy(() -> model(0).structured("acme", "test", PROMPT, Summary.class))
        .isInstanceOf(StructuredOutputInvalid.class);
  }
}
