package org.opencdp.servicekit.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.opencdp.servicekit.auth.AuthProperties;
import org.opencdp.servicekit.auth.InternalTokenKeys;
import org.opencdp.servicekit.auth.InternalTokenSigner;
import org.opencdp.servicekit.tenant.CallerIdentity;
import org.opencdp.servicekit.tenant.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@SpringBootTest(
    classes = TestService.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.application.name=test-service",
      "spring.kafka.bootstrap-servers=localhost:1",
      // With creation on, KafkaAdmin waits its operation timeout for the absent broker.
      "cdp.kafka.create-topics=false",
      "cdp.data-dir=${java.io.tmpdir}/service-kit-web-test"
    })
class ServiceKitWebTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @LocalServerPort int port;
  @Autowired InternalTokenSigner signer;

  private final CallerIdentity analyst =
      new CallerIdentity("acme", "sk-1", Set.of(Role.ANALYST), null);

  @Test
  void rejectsRequestWithoutCredentialAs401Problem() throws Exception {
    HttpResponse<String> response = get("/v1/whoami");

    assertProblem(response, 401, "unauthenticated");
    assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    assertThat(json(response).get("detail").asString()).startsWith("Authentication required");
  }

  @Test
  void injectsTheCallerOfAValidToken() throws Exception {
    HttpResponse<String> response = get("/v1/whoami", "Authorization", bearer(analyst));

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = json(response);
    assertThat(body.get("tenant").asString()).isEqualTo("acme");
    assertThat(body.get("key").asString()).isEqualTo("sk-1");
    assertThat(body.get("roles").toString()).isEqualTo("[\"analyst\"]");
    assertThat(body.get("sameAsContext").asBoolean()).isTrue();
  }

  @Test
  void refusesSecretKeySentStraightToTheService() throws Exception {
    HttpResponse<String> response = get("/v1/whoami", "Authorization", "Bearer cdp_sk_abc123");

    assertProblem(response, 401, "unauthenticated");
    assertThat(json(response).get("detail").asString())
        .contains("accept only the gateway's internal token");
  }

  @Test
  void refusesTokenFromAnotherKeyWithTheVerifiersReason() throws Exception {
    String foreign =
        new InternalTokenSigner(InternalTokenKeys.generate(), AuthProperties.defaults())
            .sign(analyst);

    HttpResponse<String> response = get("/v1/whoami", "Authorization", "Bearer " + foreign);

    assertProblem(response, 401, "unauthenticated");
    assertThat(json(response).get("detail").asString())
        .isEqualTo("Internal token was signed by an unknown key");
  }

  @Test
  void consultsCredentialResolvers() throws Exception {
    HttpResponse<String> accepted = get("/v1/whoami", "X-Test-Key", "good-key");
    HttpResponse<String> refused = get("/v1/whoami", "X-Test-Key", "bad-key");

    assertThat(accepted.statusCode()).isEqualTo(200);
    assertThat(json(accepted).get("key").asString()).isEqualTo("tk-1");
    assertProblem(refused, 401, "unauthenticated");
    assertThat(json(refused).get("detail").asString()).isEqualTo("Test key is not valid");
  }

  @Test
  void forbidsCallerWithoutTheRequiredRole() throws Exception {
    HttpResponse<String> response = get("/v1/admin-only", "Authorization", bearer(analyst));

    assertProblem(response, 403, "forbidden");
    JsonNode body = json(response);
    assertThat(body.get("detail").asString()).isEqualTo("This operation requires role 'admin'");
    assertThat(body.get("requiredRoles").toString()).isEqualTo("[\"admin\"]");
  }

  @Test
  void appliesRoleRequirementOfTheControllerClass() throws Exception {
    CallerIdentity writer = new CallerIdentity("acme", "wk-1", Set.of(Role.WRITE), null);

    assertThat(get("/v1/reports", "Authorization", bearer(analyst)).statusCode()).isEqualTo(200);
    assertProblem(get("/v1/reports", "Authorization", bearer(writer)), 403, "forbidden");
  }

  @Test
  void rendersProblemExceptionExactly() throws Exception {
    HttpResponse<String> response = get("/v1/problem", "Authorization", bearer(analyst));

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(response.headers().firstValue("Retry-After")).hasValue("3");
    assertThat(response.body())
        .isEqualTo(
            "{\"type\":\"https://opencdp.org/problems/unprocessable\","
                + "\"title\":\"Unprocessable content\",\"status\":422,"
                + "\"detail\":\"Field 'userId' is required\",\"instance\":\"/v1/problem\","
                + "\"code\":\"unprocessable\",\"field\":\"userId\",\"rule\":\"required\","
                + "\"limit\":5}");
  }

  @Test
  void refusesMalformedJsonWithoutNamingClasses() throws Exception {
    HttpResponse<String> response =
        post("/v1/echo", "application/json", "{\"name\": \"a\", \"count\": ");

    assertProblem(response, 400, "malformed-request");
    assertThat(json(response).get("detail").asString())
        .startsWith("Request body is not valid JSON");
    assertNoInternals(response);
  }

  @Test
  void namesTheFieldOfAWronglyTypedValue() throws Exception {
    HttpResponse<String> response =
        post("/v1/echo", "application/json", "{\"name\":\"a\",\"count\":\"many\"}");

    assertProblem(response, 400, "malformed-request");
    JsonNode body = json(response);
    assertThat(body.get("detail").asString()).isEqualTo("Field 'count' has the wrong type");
    assertThat(body.get("field").asString()).isEqualTo("count");
    assertNoInternals(response);
  }

  @Test
  void refusesMissingBody() throws Exception {
    HttpResponse<String> response = post("/v1/echo", "application/json", "");

    assertProblem(response, 400, "malformed-request");
    assertThat(json(response).get("detail").asString()).isEqualTo("Request body is missing");
  }

  @Test
  void namesTheFieldThatFailsValidation() throws Exception {
    HttpResponse<String> response =
        post("/v1/valid", "application/json", "{\"name\":\"  \",\"count\":1}");

    assertProblem(response, 400, "validation-failed");
    JsonNode body = json(response);
    assertThat(body.get("field").asString()).isEqualTo("name");
    assertThat(body.get("rule").asString()).isEqualTo("not-blank");
    assertThat(body.get("detail").asString()).isEqualTo("Field 'name' must not be blank");
  }

  @Test
  void namesTheParameterThatFailsMethodValidation() throws Exception {
    HttpResponse<String> response = get("/v1/items?limit=501", "Authorization", bearer(analyst));

    assertProblem(response, 400, "validation-failed");
    assertThat(json(response).get("field").asString()).isEqualTo("limit");
    assertThat(json(response).get("rule").asString()).isEqualTo("max");
  }

  @Test
  void namesAMissingParameter() throws Exception {
    HttpResponse<String> response = get("/v1/items", "Authorization", bearer(analyst));

    assertProblem(response, 400, "validation-failed");
    assertThat(json(response).get("detail").asString())
        .isEqualTo("Required parameter 'limit' is missing");
    assertThat(json(response).get("field").asString()).isEqualTo("limit");
  }

  @Test
  void namesAParameterOfTheWrongType() throws Exception {
    HttpResponse<String> response = get("/v1/items?limit=ten", "Authorization", bearer(analyst));

    assertProblem(response, 400, "validation-failed");
    assertThat(json(response).get("detail").asString())
        .isEqualTo("Parameter 'limit' must be a number");
  }

  @Test
  void answersUnknownPathWith404Problem() throws Exception {
    HttpResponse<String> response = get("/v1/nothing-here", "Authorization", bearer(analyst));

    assertProblem(response, 404, "not-found");
    assertThat(json(response).get("detail").asString())
        .isEqualTo("No endpoint GET /v1/nothing-here");
  }

  @Test
  void answersWrongMethodWith405ProblemAndAllowHeader() throws Exception {
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(uri("/v1/whoami"))
                .header("Authorization", bearer(analyst))
                .DELETE());

    assertProblem(response, 405, "method-not-allowed");
    assertThat(response.headers().firstValue("Allow")).hasValueSatisfying(v -> v.contains("GET"));
  }

  @Test
  void answersUnsupportedContentTypeWith415Problem() throws Exception {
    HttpResponse<String> response = post("/v1/echo", "text/plain", "hello");

    assertProblem(response, 415, "unsupported-media-type");
    assertThat(json(response).get("detail").asString())
        .startsWith("Content type 'text/plain")
        .contains("is not supported; supported: application/json");
  }

  @Test
  void hidesTheCauseOfAnUnexpectedError() throws Exception {
    HttpResponse<String> response = get("/v1/crash", "Authorization", bearer(analyst));

    assertProblem(response, 500, "internal-error");
    assertThat(json(response).get("detail").asString())
        .isEqualTo("An unexpected error occurred; it has been logged");
    assertThat(response.body()).doesNotContain("hunter2");
    assertNoInternals(response);
  }

  @Test
  void rendersAFilterCrashAsTheSameProblem() throws Exception {
    HttpResponse<String> response = get("/v1/filter-crash", "Authorization", bearer(analyst));

    assertProblem(response, 500, "internal-error");
    assertThat(json(response).get("instance").asString()).isEqualTo("/v1/filter-crash");
    assertNoInternals(response);
  }

  @Test
  void rendersAProblemThrownByAFilter() throws Exception {
    HttpResponse<String> response = get("/v1/filter-problem", "Authorization", bearer(analyst));

    assertProblem(response, 429, "too-many-requests");
    assertThat(json(response).get("detail").asString()).isEqualTo("Slow down");
    assertThat(response.headers().firstValue("Retry-After")).hasValue("7");
  }

  @Test
  void servesHealthAndPrometheusWithoutToken() throws Exception {
    assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
    assertThat(get("/actuator/health").statusCode()).isIn(200, 503);
    HttpResponse<String> prometheus = get("/actuator/prometheus");
    assertThat(prometheus.statusCode()).isEqualTo(200);
    assertThat(prometheus.body()).contains("service=\"test-service\"");
  }

  @Test
  void keepsReadinessDownWhileKafkaIsUnreachable() throws Exception {
    HttpResponse<String> readiness = get("/actuator/health/readiness");

    assertThat(readiness.statusCode()).isEqualTo(503);
    assertThat(json(readiness).get("status").asString()).isEqualTo("DOWN");
  }

  @Test
  void doesNotExposeOtherActuatorEndpoints() throws Exception {
    assertThat(get("/actuator/env", "Authorization", bearer(analyst)).statusCode()).isEqualTo(404);
  }

  @Test
  void guardsEndpointsThatDoNotAskForTheCaller() throws Exception {
    assertProblem(get("/v1/ping"), 401, "unauthenticated");
    assertThat(get("/v1/ping", "Authorization", bearer(analyst)).body()).isEqualTo("pong");
  }

  @Test
  void doesNotTreatDottedPathsAsPublic() throws Exception {
    HttpResponse<String> response = get("/actuator/health/../../v1/ping");

    assertThat(response.body()).doesNotContain("pong");
    assertProblem(response, 401, "unauthenticated");
  }

  @Test
  void answersUnacceptableMediaTypeWith406Problem() throws Exception {
    HttpResponse<String> response =
        get("/v1/whoami", "Authorization", bearer(analyst), "Accept", "text/csv");

    assertProblem(response, 406, "not-acceptable");
  }

  @Test
  void rendersTheErrorPathItselfAsProblem() throws Exception {
    HttpResponse<String> response = get("/error");

    assertProblem(response, 404, "not-found");
  }

  private void assertProblem(HttpResponse<String> response, int status, String code)
      throws IOException {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
    JsonNode body = json(response);
    assertThat(body.get("type").asString()).isEqualTo("https://opencdp.org/problems/" + code);
    assertThat(body.get("status").asInt()).isEqualTo(status);
    assertThat(body.get("code").asString()).isEqualTo(code);
    assertThat(body.has("title")).isTrue();
    assertThat(body.has("instance")).isTrue();
    assertThat(body.has("trace")).isFalse();
    assertThat(body.has("exception")).isFalse();
  }

  private static void assertNoInternals(HttpResponse<String> response) {
    assertThat(response.body())
        .doesNotContain(
            "com.example", "java.", "tools.jackson", "org.springframework", "Exception");
  }

  private String bearer(CallerIdentity caller) {
    return "Bearer " + signer.sign(caller);
  }

  private HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return send(request);
  }

  private HttpResponse<String> post(String path, String contentType, String body) throws Exception {
    return send(
        HttpRequest.newBuilder(uri(path))
            .header("Authorization", bearer(analyst))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://localhost:" + port + path);
  }

  private static JsonNode json(HttpResponse<String> response) {
    return JSON.readTree(response.body());
  }
}
