package org.opencdp.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * A corpus of broken and hostile requests: each must get a clear 4xx problem that names what is
 * wrong, never a 5xx, a stack trace or a hung request.
 */
class HostileRequestsTest extends IngestServiceTest {

  /** One request of the corpus and the answer it must get. */
  record Case(
      String name,
      String method,
      String path,
      byte[] body,
      String contentType,
      List<String> headers,
      int status,
      String code) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> corpus() {
    List<Case> c = new ArrayList<>();
    c.add(post("unclosed object", "/v1/track", "{", 400, "malformed-json"));
    c.add(post("truncated string", "/v1/track", "{\"userId\":\"a", 400, "malformed-json"));
    c.add(post("array at the top", "/v1/track", "[{\"userId\":\"a\"}]", 400, "malformed-json"));
    c.add(post("empty body", "/v1/track", "", 400, "malformed-json"));
    c.add(post("whitespace body", "/v1/identify", "  \n ", 400, "malformed-json"));
    c.add(
        post(
            "duplicate keys",
            "/v1/identify",
            "{\"userId\":\"a\",\"userId\":\"b\"}",
            400,
            "malformed-json"));
    c.add(
        post(
            "NaN",
            "/v1/track",
            "{\"userId\":\"a\",\"event\":\"e\",\"properties\":{\"v\":NaN}}",
            400,
            "malformed-json"));
    c.add(post("single quotes", "/v1/track", "{'userId':'a'}", 400, "malformed-json"));
    c.add(post("comment", "/v1/track", "{\"userId\":\"a\"/*x*/}", 400, "malformed-json"));
    c.add(post("trailing garbage", "/v1/identify", "{\"userId\":\"a\"}xyz", 400, "malformed-json"));
    c.add(
        post(
            "two objects",
            "/v1/identify",
            "{\"userId\":\"a\"}{\"userId\":\"b\"}",
            400,
            "malformed-json"));
    c.add(
        post(
            "deep nesting",
            "/v1/track",
            "{\"p\":".repeat(2000) + "1" + "}".repeat(2000),
            400,
            "malformed-json"));
    c.add(
        post(
            "deep arrays",
            "/v1/track",
            "{\"p\":" + "[".repeat(5000) + "]".repeat(5000) + "}",
            400,
            "malformed-json"));
    c.add(
        post(
            "number beyond a double",
            "/v1/track",
            "{\"userId\":\"a\",\"event\":\"e\",\"properties\":{\"v\":1e400}}",
            400,
            "malformed-json"));
    c.add(
        post(
            "very long number",
            "/v1/track",
            "{\"userId\":\"a\",\"event\":\"e\",\"properties\":{\"v\":" + "1".repeat(5000) + "}}",
            400,
            "malformed-json"));
    c.add(
        post(
            "unpaired surrogate",
            "/v1/track",
            "{\"userId\":\"\\udc00\",\"event\":\"e\"}",
            400,
            "malformed-json"));
    c.add(
        bytes(
            "invalid UTF-8",
            "/v1/identify",
            new byte[] {
              '{',
              '"',
              'u',
              's',
              'e',
              'r',
              'I',
              'd',
              '"',
              ':',
              '"',
              (byte) 0xff,
              (byte) 0xfe,
              '"',
              '}'
            },
            400,
            "malformed-json"));
    c.add(
        bytes(
            "overlong UTF-8 slash",
            "/v1/identify",
            new byte[] {
              '{',
              '"',
              'u',
              's',
              'e',
              'r',
              'I',
              'd',
              '"',
              ':',
              '"',
              (byte) 0xc0,
              (byte) 0xaf,
              '"',
              '}'
            },
            400,
            "malformed-json"));
    c.add(
        bytes(
            "raw control character",
            "/v1/identify",
            "{\"userId\":\"a\u0001b\"}".getBytes(StandardCharsets.UTF_8),
            400,
            "malformed-json"));
    c.add(
        post(
            "event over 32 KB",
            "/v1/track",
            "{\"userId\":\"a\",\"event\":\"e\",\"properties\":{\"x\":\""
                + "y".repeat(33 * 1024)
                + "\"}}",
            413,
            "event-too-large"));
    c.add(
        post(
            "batch over 500 KB",
            "/v1/batch",
            "{\"batch\":["
                + ("{\"type\":\"track\",\"userId\":\"a\",\"event\":\"" + "e".repeat(200) + "\"},")
                    .repeat(2600)
                + "{}]}",
            413,
            "batch-too-large"));
    c.add(gzipBomb());
    c.add(
        post(
            "batch of 20,000 empty events",
            "/v1/batch",
            "{\"batch\":[" + "{},".repeat(19_999) + "{}]}",
            413,
            "batch-too-large"));
    c.add(
        new Case(
            "body says gzip but is not",
            "POST",
            "/v1/identify",
            "{\"userId\":\"a\"}".getBytes(StandardCharsets.UTF_8),
            "application/json",
            List.of("Content-Encoding", "gzip"),
            400,
            "bad-content-encoding"));
    c.add(
        new Case(
            "unknown content encoding",
            "POST",
            "/v1/identify",
            "{\"userId\":\"a\"}".getBytes(StandardCharsets.UTF_8),
            "application/json",
            List.of("Content-Encoding", "br"),
            415,
            "unsupported-content-encoding"));
    c.add(post("no identity", "/v1/track", "{\"event\":\"e\"}", 400, "invalid-event"));
    c.add(
        post(
            "blank identity",
            "/v1/track",
            "{\"event\":\"e\",\"userId\":\"   \"}",
            400,
            "invalid-event"));
    c.add(post("track without event", "/v1/track", "{\"userId\":\"a\"}", 400, "invalid-event"));
    c.add(post("group without groupId", "/v1/group", "{\"userId\":\"a\"}", 400, "invalid-event"));
    c.add(
        post("alias without previousId", "/v1/alias", "{\"userId\":\"a\"}", 400, "invalid-event"));
    c.add(
        post(
            "type contradicts endpoint",
            "/v1/track",
            "{\"type\":\"page\",\"userId\":\"a\",\"event\":\"e\"}",
            400,
            "invalid-event"));
    c.add(
        post(
            "timestamp not a date",
            "/v1/identify",
            "{\"userId\":\"a\",\"timestamp\":\"yesterday\"}",
            400,
            "invalid-event"));
    c.add(
        post(
            "timestamp as a number",
            "/v1/identify",
            "{\"userId\":\"a\",\"timestamp\":1733222400}",
            400,
            "invalid-event"));
    c.add(
        post(
            "timestamp without zone",
            "/v1/identify",
            "{\"userId\":\"a\",\"timestamp\":\"2026-12-03T10:00:00\"}",
            400,
            "invalid-event"));
    c.add(
        post(
            "timestamp in year 99999",
            "/v1/identify",
            "{\"userId\":\"a\",\"timestamp\":\"+99999-01-01T00:00:00Z\"}",
            400,
            "invalid-event"));
    c.add(
        post(
            "userId as an object",
            "/v1/identify",
            "{\"userId\":{\"id\":1}}",
            400,
            "invalid-event"));
    c.add(
        post(
            "properties as an array",
            "/v1/track",
            "{\"userId\":\"a\",\"event\":\"e\",\"properties\":[1]}",
            400,
            "invalid-event"));
    c.add(
        post(
            "context as a string",
            "/v1/track",
            "{\"userId\":\"a\",\"event\":\"e\",\"context\":\"x\"}",
            400,
            "invalid-event"));
    c.add(
        post(
            "overlong event name",
            "/v1/track",
            "{\"userId\":\"a\",\"event\":\"" + "e".repeat(1000) + "\"}",
            400,
            "invalid-event"));
    c.add(
        post(
            "overlong messageId",
            "/v1/track",
            "{\"userId\":\"a\",\"event\":\"e\",\"messageId\":\"" + "m".repeat(1000) + "\"}",
            400,
            "invalid-event"));
    c.add(post("batch without array", "/v1/batch", "{\"batch\":{}}", 400, "malformed-json"));
    c.add(
        post("batch item not an object", "/v1/batch", "{\"batch\":[1,2]}", 400, "malformed-json"));
    c.add(
        post(
            "batch context not an object",
            "/v1/batch",
            "{\"batch\":[],\"context\":[]}",
            400,
            "malformed-json"));
    c.add(
        new Case(
            "no credentials",
            "POST",
            "/v1/track",
            "{}".getBytes(),
            "application/json",
            List.of("Authorization", ""),
            401,
            null));
    c.add(
        new Case(
            "unknown write key",
            "POST",
            "/v1/track",
            "{}".getBytes(),
            "application/json",
            List.of("Authorization", IngestClient.basic("cdp_wk_nope")),
            401,
            "unauthenticated"));
    c.add(
        new Case(
            "basic auth not base64",
            "POST",
            "/v1/track",
            "{}".getBytes(),
            "application/json",
            List.of("Authorization", "Basic %%%"),
            401,
            "unauthenticated"));
    c.add(
        new Case(
            "forged bearer token",
            "POST",
            "/v1/track",
            "{}".getBytes(),
            "application/json",
            List.of("Authorization", "Bearer eyJhbGciOiJub25lIn0.eyJ0ZW5hbnQiOiJhY21lIn0."),
            401,
            null));
    c.add(
        new Case(
            "secret key sent to the service",
            "POST",
            "/v1/track",
            "{}".getBytes(),
            "application/json",
            List.of("Authorization", "Bearer cdp_sk_abcdef"),
            401,
            null));
    c.add(new Case("wrong method", "GET", "/v1/track", null, null, List.of(), 405, null));
    c.add(
        new Case(
            "unknown path",
            "POST",
            "/v1/purchase",
            "{}".getBytes(),
            "application/json",
            List.of(),
            404,
            null));
    c.add(
        new Case(
            "import as XML",
            "POST",
            "/v1/import",
            "<a/>".getBytes(),
            "application/xml",
            List.of(),
            415,
            "unsupported-import-format"));
    c.add(
        new Case(
            "csv import with a bad mapping",
            "POST",
            "/v1/import?mapping=a:b.c",
            "a\n1\n".getBytes(),
            "text/csv",
            List.of(),
            400,
            "invalid-column-mapping"));
    c.add(
        new Case(
            "csv import of an unknown type",
            "POST",
            "/v1/import?type=purchase",
            "a\n1\n".getBytes(),
            "text/csv",
            List.of(),
            400,
            "invalid-column-mapping"));
    c.add(
        new Case(
            "import progress of an unknown id",
            "GET",
            "/v1/import/nope",
            null,
            null,
            List.of(),
            404,
            "import-not-found"));
    c.add(
        post(
            "document without text",
            "/v1/documents",
            "{\"documentId\":\"d1\"}",
            400,
            "invalid-document"));
    c.add(
        post(
            "document with an unknown field",
            "/v1/documents",
            "{\"text\":\"x\",\"txt\":\"y\"}",
            400,
            "invalid-document"));
    c.add(
        post(
            "document with bad tags",
            "/v1/documents",
            "{\"text\":\"x\",\"tags\":\"a\"}",
            400,
            "invalid-document"));
    c.add(
        post(
            "document id with a path",
            "/v1/documents",
            "{\"text\":\"x\",\"documentId\":\"../../etc\"}",
            400,
            "invalid-document"));
    return c.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void answersWithAClearProblem(Case c) {
    HttpResponse<String> response = send(c);

    assertThat(response.statusCode()).as(c.name() + ": " + response.body()).isEqualTo(c.status());
    assertThat(response.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");
    JsonNode problem = IngestClient.json(response.body());
    assertThat(problem.path("type").asString()).startsWith("https://opencdp.org/problems/");
    assertThat(problem.path("status").asInt()).isEqualTo(c.status());
    assertThat(problem.path("detail").asString()).isNotBlank();
    if (c.code() != null) {
      assertThat(problem.path("code").asString()).isEqualTo(c.code());
    }
    assertThat(response.body())
        .doesNotContain("Exception")
        .doesNotContain("at org.")
        .doesNotContain("java.")
        .doesNotContain("trace");
  }

  @Test
  void namesTheFieldAndRuleOfAnInvalidEvent() {
    HttpResponse<String> response = client().post("/v1/track", "{\"event\":\"e\"}");
    JsonNode problem = IngestClient.json(response.body());
    assertThat(problem.path("field").asString()).isEqualTo("userId");
    assertThat(problem.path("rule").asString()).isEqualTo("identity_missing");
    assertThat(problem.path("reasons").get(0).path("message").asString()).contains("anonymousId");
  }

  @Test
  void answersOversizeHeadersWithAProblemToo() {
    HttpResponse<String> response =
        client()
            .send(
                client()
                    .request("/v1/track")
                    .header("Authorization", client().authorization())
                    .header("X-Padding", "a".repeat(20_000))
                    .POST(HttpRequest.BodyPublishers.ofString("{}"))
                    .build());
    assertThat(response.statusCode()).isBetween(400, 499);
    assertThat(response.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");
    assertThat(IngestClient.json(response.body()).path("status").asInt())
        .isEqualTo(response.statusCode());
  }

  @Test
  void saysWhereTheSyntaxErrorIs() {
    JsonNode problem =
        IngestClient.json(client().post("/v1/track", "{\n\"userId\": nul\n}").body());
    assertThat(problem.path("line").asInt()).isEqualTo(2);
    assertThat(problem.path("detail").asString()).contains("line 2");
  }

  @Test
  void staysHealthyAfterTheWholeCorpus() {
    corpus().forEach(this::send);
    HttpResponse<String> health =
        client().send(client().request("/actuator/health/liveness").GET().build());
    assertThat(health.statusCode()).isEqualTo(200);
  }

  private HttpResponse<String> send(Case c) {
    HttpRequest.Builder request = client().request(c.path());
    request.header("Authorization", client().authorization());
    if (c.contentType() != null) {
      request.header("Content-Type", c.contentType());
    }
    for (int i = 0; i < c.headers().size(); i += 2) {
      if (c.headers().get(i + 1).isEmpty()) {
        request = copyWithout(c);
        break;
      }
      request.setHeader(c.headers().get(i), c.headers().get(i + 1));
    }
    request.method(
        c.method(),
        c.body() == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(c.body()));
    return client().send(request.build());
  }

  /** The same request with no Authorization header at all. */
  private HttpRequest.Builder copyWithout(Case c) {
    HttpRequest.Builder request = client().request(c.path());
    if (c.contentType() != null) {
      request.header("Content-Type", c.contentType());
    }
    return request;
  }

  private static Case post(String name, String path, String body, int status, String code) {
    return bytes(name, path, body.getBytes(StandardCharsets.UTF_8), status, code);
  }

  private static Case bytes(String name, String path, byte[] body, int status, String code) {
    return new Case(name, "POST", path, body, "application/json", List.of(), status, code);
  }

  /** 20 MB of spaces compress to a few KB: refused by its decompressed size. */
  private static Case gzipBomb() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      byte[] spaces = new byte[1 << 20];
      java.util.Arrays.fill(spaces, (byte) ' ');
      gz.write('{');
      for (int i = 0; i < 20; i++) {
        gz.write(spaces);
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return new Case(
        "gzip bomb",
        "POST",
        "/v1/batch",
        out.toByteArray(),
        "application/json",
        List.of("Content-Encoding", "gzip"),
        413,
        "batch-too-large");
  }
}
