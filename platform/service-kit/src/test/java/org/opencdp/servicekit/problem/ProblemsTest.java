package org.opencdp.servicekit.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class ProblemsTest {

  enum IngestCode implements ErrorCode {
    BATCH_TOO_LARGE;

    @Override
    public String code() {
      return "batch-too-large";
    }

    @Override
    public HttpStatus status() {
      return HttpStatus.CONTENT_TOO_LARGE;
    }

    @Override
    public String title() {
      return "Batch too large";
    }
  }

  @Test
  void writesTheWholeProblemResponseFromAFilter() throws Exception {
    MockHttpServletResponse response = new MockHttpServletResponse();
    ProblemException problem =
        new ProblemException(PlatformErrorCode.SERVICE_UNAVAILABLE, "Kafka did not answer in time")
            .rule("broker-timeout")
            .property("retryable", true)
            .header("Retry-After", "5");

    Problems.write(response, new MockHttpServletRequest("POST", "/v1/batch"), problem);

    assertThat(response.getStatus()).isEqualTo(503);
    assertThat(response.getContentType()).isEqualTo("application/problem+json");
    assertThat(response.getHeader("Retry-After")).isEqualTo("5");
    assertThat(response.getContentAsString())
        .isEqualTo(
            "{\"type\":\"https://opencdp.org/problems/service-unavailable\","
                + "\"title\":\"Service unavailable\",\"status\":503,"
                + "\"detail\":\"Kafka did not answer in time\",\"instance\":\"/v1/batch\","
                + "\"code\":\"service-unavailable\",\"rule\":\"broker-timeout\","
                + "\"retryable\":true}");
  }

  @Test
  void carriesAServicesOwnErrorCode() {
    ProblemDetail detail =
        Problems.toProblemDetail(
            new ProblemException(IngestCode.BATCH_TOO_LARGE, "Batch is 600 KB; the limit is 500 KB")
                .field("batch"),
            "/v1/batch");

    assertThat(detail.getType()).hasToString("https://opencdp.org/problems/batch-too-large");
    assertThat(detail.getStatus()).isEqualTo(413);
    assertThat(detail.getTitle()).isEqualTo("Batch too large");
    assertThat(detail.getProperties())
        .containsEntry("code", "batch-too-large")
        .containsEntry("field", "batch");
  }

  @Test
  void keepsAnUnencodedPathAsInstance() {
    ProblemDetail detail =
        Problems.toProblemDetail(
            new ProblemException(PlatformErrorCode.NOT_FOUND, "gone"), "/v1/a b");

    assertThat(detail.getInstance()).hasToString("/v1/a%20b");
  }

  @Test
  void refusesToOverwriteStandardMembers() {
    ProblemException problem = new ProblemException(PlatformErrorCode.CONFLICT, "taken");

    assertThatThrownBy(() -> problem.property("status", 200))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void recordsNoStackTraceUnlessItHasACause() {
    ProblemException plain = new ProblemException(PlatformErrorCode.FORBIDDEN, "no");
    ProblemException caused =
        new ProblemException(PlatformErrorCode.INTERNAL, "broke", new IllegalStateException());

    assertThat(plain.getStackTrace()).isEmpty();
    assertThat(caused.getStackTrace()).isNotEmpty();
    assertThat(caused.getCause()).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void keepsEverythingButTheDetailWhenTheDetailIsRewritten() {
    ProblemException original =
        new ProblemException(PlatformErrorCode.CONFLICT, "taken")
            .field("importId")
            .rule("unique")
            .property("importId", "a")
            .header("Retry-After", "2");

    ProblemException rewritten = original.withDetail("taken; lines 1 to 9 were accepted");

    assertThat(rewritten.detail()).isEqualTo("taken; lines 1 to 9 were accepted");
    assertThat(rewritten.code()).isEqualTo(PlatformErrorCode.CONFLICT);
    assertThat(rewritten.field()).isEqualTo("importId");
    assertThat(rewritten.rule()).isEqualTo("unique");
    assertThat(rewritten.properties()).containsEntry("importId", "a");
    assertThat(rewritten.headers()).containsEntry("Retry-After", "2");
    assertThat(rewritten.getStackTrace()).isEmpty();
    assertThat(original.detail()).isEqualTo("taken");
  }

  @Test
  void findsThePlatformCodeForAStatus() {
    assertThat(PlatformErrorCode.forStatus(400)).contains(PlatformErrorCode.MALFORMED_REQUEST);
    assertThat(PlatformErrorCode.forStatus(429)).contains(PlatformErrorCode.TOO_MANY_REQUESTS);
    assertThat(PlatformErrorCode.forStatus(418)).isEmpty();
    assertThat(StatusErrorCode.forStatus(418).code()).isEqualTo("i-am-a-teapot");
  }

  @Test
  void keepsCodesUniqueAndKebabCase() {
    List<String> codes =
        Arrays.stream(PlatformErrorCode.values()).map(PlatformErrorCode::code).toList();

    assertThat(codes).doesNotHaveDuplicates().allMatch(c -> c.matches("[a-z]+(-[a-z]+)*"));
  }
}
