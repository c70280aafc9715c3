package org.opencdp.ai.rag;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencdp.ai.budget.BudgetProperties;
import org.opencdp.ai.budget.TokenBudget;
import org.opencdp.ai.budget.TokenMeter;
import org.opencdp.ai.chat.ChatProperties;
import org.opencdp.ai.chat.FakeOpenAi;
import org.opencdp.ai.chat.LanguageModel;
import org.opencdp.ai.chat.ModelCalls;
import org.opencdp.ai.chat.ResilienceProperties;
import org.opencdp.ai.embedding.Embedders;
import org.opencdp.ai.offline.OfflineAnswerer;
import org.opencdp.ai.rag.chunking.Chunker;
import org.opencdp.ai.rag.chunking.ChunkingProperties;
import org.opencdp.ai.rag.index.LuceneKnowledgeIndex;
import org.opencdp.ai.rag.index.Passage;
import org.opencdp.ai.rag.index.SearchFilter;

/** The knowledge base on a real Lucene index on disk with the real in-process embedders. */
class KnowledgeBaseTest {

  static final KnowledgeDocument Q2 =
      new KnowledgeDocument("doc-1", "Q2 review", "产品A的Q2销量同比增长30%", "zh", List.of("product-a"));
  static final KnowledgeDocument SUPPORT =
      new KnowledgeDocument(
          "doc-2",
          "Support handbook",
          "Enterprise customers get a reply within 4 hours. Refunds are possible within 30 days"
              + " of purchase.",
          "en",
          List.of("support"));

  static Embedders embedders;
  Path dir;
  LuceneKnowledgeIndex index;
  KnowledgeBase base;

  @BeforeAll
  static void models() {
    System.setProperty("DJL_CACHE_DIR", Path.of("target/djl").toAbsolutePath().toString());
    embedders = Embedders.local();
  }

  @BeforeEach
  void open() {
    dir = Path.of("target/test-index", UUID.randomUUID().toString());
    index = new LuceneKnowledgeIndex(dir);
    base = offline(index);
    base.add("acme", Q2);
    base.add("acme", SUPPORT);
    base.commit();
  }

  @AfterEach
  void close() {
    index.close();
  }

  static KnowledgeBase offline(LuceneKnowledgeIndex index) {
    return new KnowledgeBase(
        index,
        embedders,
        new Chunker(ChunkingProperties.defaults()),
        null,
        new AnswerCache(10, Duration.ofMinutes(1), Clock.systemUTC()));
  }

  @Test
  void answersTheMarketPerformanceOfProductAWithTheThirtyPercentGrowthAndCitesDoc1() {
    Answer answer = base.ask("acme", "产品A的市场表现如何?", null, SearchFilter.none());

    assertThat(answer.answer()).contains("增长30%");
    assertThat(answer.citations()).extracting(Citation::documentId).containsExactly("doc-1");
    assertThat(answer.citations().get(0).title()).isEqualTo("Q2 review");
    assertThat(answer.grounded()).isTrue();
    assertThat(answer.model()).isEqualTo(OfflineAnswerer.MODEL);
  }

  @Test
  void saysItDoesNotKnowWhenNoDocumentAnswersAndGivesNoNumber() {
    for (String question :
        List.of(
            "产品B的市场表现如何?",
            "产品A的退货率是多少?",
            "公司有多少员工?",
            "What was the revenue of product C in 2025?")) {
      Answer answer = base.ask("acme", question, null, SearchFilter.none());

      assertThat(answer.grounded()).as(question).isFalse();
      assertThat(answer.citations()).as(question).isEmpty();
      assertThat(answer.answer()).as(question).containsPattern("我不知道|I don't know");
      assertThat(answer.answer()).as(question).doesNotContainPattern("\\d");
    }
  }

  @Test
  void answersEnglishQuestionsInEnglishAndHonoursTheRequestedLanguage() {
    Answer en =
        base.ask(
            "acme", "How fast do enterprise customers get a reply?", null, SearchFilter.none());
    assertThat(en.answer()).startsWith("According to \"Support handbook\"").contains("4 hours");
    assertThat(en.citations()).extracting(Citation::documentId).containsExactly("doc-2");

    Answer zh =
        base.ask(
            "acme", "How fast do enterprise customers get a reply?", "zh", SearchFilter.none());
    assertThat(zh.answer()).startsWith("根据《Support handbook》");
  }

  @Test
  void anotherTenantNeverSeesTheDocuments() {
    assertThat(base.search("globex", "产品A", 5, SearchFilter.none())).isEmpty();
    Answer answer = base.ask("globex", "产品A的市场表现如何?", null, SearchFilter.none());
    assertThat(answer.grounded()).isFalse();
    assertThat(answer.answer()).doesNotContain("30");
  }

  @Test
  void filtersByTagLanguageAndDocument() {
    assertThat(
            base.search(
                "acme", "customers 产品A", 5, new SearchFilter(List.of("support"), null, null)))
        .extracting(Passage::documentId)
        .containsOnly("doc-2");
    assertThat(base.search("acme", "customers 产品A", 5, new SearchFilter(null, "zh", null)))
        .extracting(Passage::documentId)
        .containsOnly("doc-1");
    assertThat(base.search("acme", "customers 产品A", 5, new SearchFilter(null, null, "doc-1")))
        .extracting(Passage::documentId)
        .containsOnly("doc-1");
  }

  @Test
  void aRepostedDocumentReplacesItsPassages() {
    base.add(
        "acme", new KnowledgeDocument("doc-1", "Q2 review", "产品A的Q2销量同比增长45%", "zh", List.of()));
    base.commit();

    assertThat(index.count("acme")).isEqualTo(2);
    assertThat(base.ask("acme", "产品A的市场表现如何?", null, SearchFilter.none()).answer())
        .contains("45%")
        .doesNotContain("30%");
  }

  @Test
  void theIndexSurvivesAReopen() {
    index.close();
    index = new LuceneKnowledgeIndex(dir);
    base = offline(index);

    assertThat(index.count("acme")).isEqualTo(2);
    assertThat(base.ask("acme", "产品A的市场表现如何?", "zh", SearchFilter.none()).answer()).contains("30%");
  }

  @Test
  void aModelAnswerIsCheckedForFiguresTheSourcesDoNotHold() throws Exception {
    try (FakeOpenAi server = new FakeOpenAi()) {
      server.then(
          new FakeOpenAi.Ok("产品A的Q2销量同比增长45% [1]"), new FakeOpenAi.Ok("产品A的Q2销量同比增长30% [1]"));
      KnowledgeBase withModel = withModel(server, 0);

      Answer invented = withModel.ask("acme", "产品A的市场表现如何?", null, SearchFilter.none());
      assertThat(invented.model()).isEqualTo("test-model");
      assertThat(invented.grounded()).isFalse();
      assertThat(invented.unsupported()).containsExactly("45%");

      Answer honest = withModel.ask("acme", "产品A的Q2销量如何?", null, SearchFilter.none());
      assertThat(honest.grounded()).isTrue();
      assertThat(honest.citations()).extracting(Citation::documentId).containsExactly("doc-1");
      assertThat(server.bodies().get(0)).contains("[1] Q2 review: 产品A的Q2销量同比增长30%");
    }
  }

  @Test
  void servesARewordedQuestionOverTheSameSourcesFromTheSemanticCacheOfItsTenantOnly()
      throws Exception {
    base.add("globex", Q2);
    base.add("globex", SUPPORT);
    base.commit();
    try (FakeOpenAi server = new FakeOpenAi()) {
      server.otherwise(new FakeOpenAi.Ok("产品A的Q2销量同比增长30% [1]"));
      KnowledgeBase withModel = withModel(server, 0);

      Answer first = withModel.ask("acme", "产品A的市场表现如何?", null, SearchFilter.none());
      Answer reworded = withModel.ask("acme", "产品A的市场表现如何？", null, SearchFilter.none());
      assertThat(server.chatRequests()).isEqualTo(1);
      assertThat(reworded).isEqualTo(first);

      withModel.ask("globex", "产品A的市场表现如何?", null, SearchFilter.none());
      assertThat(server.chatRequests()).isEqualTo(2);
      withModel.ask(
          "acme", "How fast do enterprise customers get a reply?", null, SearchFilter.none());
      assertThat(server.chatRequests()).isEqualTo(3);
    }
  }

  @Test
  void servesTheSamePromptFromTheCacheOfItsTenantOnly() throws Exception {
    try (FakeOpenAi server = new FakeOpenAi()) {
      server.otherwise(new FakeOpenAi.Ok("产品A的Q2销量同比增长30% [1]"));
      KnowledgeBase withModel = withModel(server, 0);

      withModel.ask("acme", "产品A的市场表现如何?", null, SearchFilter.none());
      withModel.ask("acme", "产品A的市场表现如何?", null, SearchFilter.none());

      assertThat(server.chatRequests()).isEqualTo(1);
    }
  }

  @Test
  void fallsBackToTheOfflineAnswerWhenTheModelFailsOrTheBudgetIsSpent() throws Exception {
    try (FakeOpenAi server = new FakeOpenAi()) {
      server.otherwise(new FakeOpenAi.Status(500, null));
      Answer failed = withModel(server, 0).ask("acme", "产品A的市场表现如何?", null, SearchFilter.none());
      assertThat(failed.model())
          .isEqualTo(OfflineAnswerer.MODEL + " (fallback: test-model unavailable)");
      assertThat(failed.answer()).contains("30%");

      server.otherwise(new FakeOpenAi.Ok("产品A的Q2销量同比增长30% [1]"));
      KnowledgeBase tight = withModel(server, 10);
      tight.ask("acme", "产品A的市场表现如何?", null, SearchFilter.none());
      Answer overBudget = tight.ask("acme", "产品A的Q2销量如何?", null, SearchFilter.none());
      assertThat(overBudget.model()).endsWith("(fallback: token budget exhausted)");
      assertThat(overBudget.answer()).contains("30%");
    }
  }

  private KnowledgeBase withModel(FakeOpenAi server, long dailyTokens) {
    ChatProperties chat =
        new ChatProperties(
            server.baseUrl(),
            "test-model",
            "k",
            Duration.ofSeconds(3),
            200,
            0.1,
            Map.of(),
            10,
            Duration.ofMinutes(1));
    ResilienceProperties resilience =
        new ResilienceProperties(
            2,
            Duration.ofMillis(20),
            Duration.ofMillis(100),
            50,
            10,
            10,
            Duration.ofMinutes(1),
            4,
            Duration.ofSeconds(1));
    LanguageModel model =
        new LanguageModel(
            chat,
            new ModelCalls(resilience),
            new TokenBudget(new BudgetProperties(dailyTokens), Clock.systemUTC()),
            new TokenMeter(new SimpleMeterRegistry(), Map.of()));
    return new KnowledgeBase(
        index,
        embedders,
        new Chunker(ChunkingProperties.defaults()),
        model,
        new AnswerCache(10, Duration.ofMinutes(1), Clock.systemUTC()));
  }
}
