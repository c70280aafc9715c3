package org.opencdp.insight.knowledge;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.opencdp.ai.Languages;
import org.opencdp.ai.rag.Answer;
import org.opencdp.ai.rag.KnowledgeBase;
import org.opencdp.ai.rag.index.Passage;
import org.opencdp.ai.rag.index.SearchFilter;
import org.opencdp.insight.InsightErrorCode;
import org.opencdp.servicekit.problem.ProblemException;
import org.opencdp.servicekit.tenant.CallerIdentity;
import org.opencdp.servicekit.tenant.RequiresRole;
import org.opencdp.servicekit.tenant.Role;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /v1/knowledge/search} and {@code /v1/knowledge/ask} (ARCHITECTURE §5), always within
 * the caller's tenant, taken from the internal token and never from the request.
 */
@RestController
@RequiresRole(Role.ANALYST)
class KnowledgeController {

  static final int MAX_TEXT = 2000;
  static final int DEFAULT_K = 5;
  static final int SNIPPET = 300;
  private static final Pattern LANGUAGE = Pattern.compile("(?i)(zh|en)(-[a-z0-9]{2,8})*");

  private final KnowledgeBase knowledge;
  private final KnowledgeProperties properties;

  KnowledgeController(KnowledgeBase knowledge, KnowledgeProperties properties) {
    this.knowledge = knowledge;
    this.properties = properties;
  }

  /** Filters of a search: any of the tags, one language, one document. */
  record Filters(List<String> tags, String language, String documentId) {}

  record SearchRequest(String query, Integer k, Filters filters) {}

  record AskRequest(String question, String language, Filters filters) {}

  record Hit(String documentId, String title, String snippet, double score) {}

  @PostMapping(path = "/v1/knowledge/search", produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, List<Hit>> search(@RequestBody SearchRequest request, CallerIdentity caller) {
    String query = text("query", request.query());
    int k = request.k() == null ? DEFAULT_K : request.k();
    if (k < 1 || k > properties.maxK()) {
      throw new ProblemException(
              InsightErrorCode.UNSUPPORTED_KNOWLEDGE_REQUEST,
              "k: must be between 1 and " + properties.maxK())
          .field("k")
          .rule("range");
    }
    List<Passage> passages =
        knowledge.search(caller.tenantId(), query, k, filter(request.filters()));
    return Map.of(
        "hits",
        passages.stream()
            .map(p -> new Hit(p.documentId(), p.title(), snippet(p.text()), round(p.score())))
            .toList());
  }

  @PostMapping(path = "/v1/knowledge/ask", produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> ask(@RequestBody AskRequest request, CallerIdentity caller) {
    String question = text("question", request.question());
    String language = request.language();
    if (language != null && !LANGUAGE.matcher(language).matches()) {
      throw new ProblemException(
              InsightErrorCode.UNSUPPORTED_KNOWLEDGE_REQUEST,
              "language: answers are written in zh or en")
          .field("language")
          .rule("supported-language");
    }
    Answer answer = knowledge.ask(caller.tenantId(), question, language, filter(request.filters()));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("answer", answer.answer());
    body.put(
        "citations",
        answer.citations().stream()
            .map(
                c ->
                    Map.of(
                        "documentId", c.documentId(),
                        "title", c.title() == null ? "" : c.title(),
                        "snippet", snippet(c.snippet())))
            .toList());
    body.put("grounded", answer.grounded());
    body.put("model", answer.model());
    if (!answer.unsupported().isEmpty()) {
      // figures of a model's answer that no source holds, so a caller can show or drop them
      body.put("unsupportedFigures", answer.unsupported());
    }
    return body;
  }

  private static String text(String field, String value) {
    if (value == null || value.isBlank()) {
      throw invalid(field, "required and must not be blank", "required");
    }
    if (value.length() > MAX_TEXT) {
      throw invalid(field, "must be at most " + MAX_TEXT + " characters", "max-length");
    }
    return value.strip();
  }

  private static SearchFilter filter(Filters filters) {
    if (filters == null) {
      return SearchFilter.none();
    }
    if (filters.tags() != null && filters.tags().stream().anyMatch(t -> t == null || t.isBlank())) {
      throw invalid("filters.tags", "tags must be non-empty strings", "non-blank");
    }
    String language = filters.language() == null ? null : Languages.resolve(filters.language(), "");
    return new SearchFilter(filters.tags(), language, filters.documentId());
  }

  private static ProblemException invalid(String field, String message, String rule) {
    return new ProblemException(InsightErrorCode.INVALID_KNOWLEDGE_REQUEST, field + ": " + message)
        .field(field)
        .rule(rule);
  }

  private static String snippet(String text) {
    return text.length() <= SNIPPET ? text : text.substring(0, SNIPPET) + "…";
  }

  private static double round(double score) {
    return Math.round(score * 1000) / 1000.0;
  }
}
