package org.opencdp.ingest.tracking;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Map;
import org.opencdp.event.EventType;
import org.opencdp.ingest.IngestErrorCode;
import org.opencdp.ingest.web.RequestBodies;
import org.opencdp.servicekit.tenant.CallerIdentity;
import org.opencdp.servicekit.tenant.RequiresRole;
import org.opencdp.servicekit.tenant.Role;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Segment HTTP Tracking API: one endpoint per message type and {@code /v1/batch}. A 200 {@code
 * {"success":true}} means the events are acknowledged by Kafka.
 */
@RestController
@RequiresRole(Role.WRITE)
@Tag(name = "Tracking", description = "The Segment HTTP Tracking API")
class TrackingController {

  private static final String SINGLE =
      "One Segment event (at most 32 KB; gzip allowed). 200 {\"success\":true} once Kafka has"
          + " acknowledged it; 400 names the field and rule it breaks; 503 with Retry-After when"
          + " Kafka cannot take it in time.";

  private final EventIntake intake;
  private final int maxEventBytes;
  private final int maxBatchBytes;

  TrackingController(EventIntake intake) {
    this.intake = intake;
    this.maxEventBytes = intake.codec().limits().maxEventBytes();
    this.maxBatchBytes = intake.codec().limits().maxBatchBytes();
  }

  @Operation(summary = "Record an action a user took", description = SINGLE)
  @RequestBody(
      content =
          @Content(
              examples =
                  @ExampleObject(
                      "{\"userId\":\"ada\",\"event\":\"Order Completed\",\"properties\":{\"revenue\":19.99,\"currency\":\"EUR\"}}")))
  @PostMapping(path = "/v1/track", produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> track(HttpServletRequest request, CallerIdentity caller) throws IOException {
    return one(EventType.TRACK, request, caller);
  }

  @Operation(summary = "Say who a user is, with traits", description = SINGLE)
  @RequestBody(
      content =
          @Content(
              examples =
                  @ExampleObject(
                      "{\"userId\":\"ada\",\"traits\":{\"email\":\"ada@example.com\",\"plan\":\"pro\"}}")))
  @PostMapping(path = "/v1/identify", produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> identify(HttpServletRequest request, CallerIdentity caller)
      throws IOException {
    return one(EventType.IDENTIFY, request, caller);
  }

  @Operation(summary = "Record a web page view", description = SINGLE)
  @RequestBody(
      content =
          @Content(
              examples =
                  @ExampleObject(
                      "{\"anonymousId\":\"a-1\",\"name\":\"Pricing\",\"properties\":{\"path\":\"/pricing\"}}")))
  @PostMapping(path = "/v1/page", produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> page(HttpServletRequest request, CallerIdentity caller) throws IOException {
    return one(EventType.PAGE, request, caller);
  }

  @Operation(summary = "Record a mobile screen view", description = SINGLE)
  @RequestBody(
      content = @Content(examples = @ExampleObject("{\"userId\":\"ada\",\"name\":\"Cart\"}")))
  @PostMapping(path = "/v1/screen", produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> screen(HttpServletRequest request, CallerIdentity caller) throws IOException {
    return one(EventType.SCREEN, request, caller);
  }

  @Operation(summary = "Associate a user with a group (account, company)", description = SINGLE)
  @RequestBody(
      content =
          @Content(
              examples =
                  @ExampleObject(
                      "{\"userId\":\"ada\",\"groupId\":\"acme-corp\",\"traits\":{\"seats\":12}}")))
  @PostMapping(path = "/v1/group", produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> group(HttpServletRequest request, CallerIdentity caller) throws IOException {
    return one(EventType.GROUP, request, caller);
  }

  @Operation(summary = "Merge a previous identity into a user", description = SINGLE)
  @RequestBody(
      content = @Content(examples = @ExampleObject("{\"previousId\":\"a-1\",\"userId\":\"ada\"}")))
  @PostMapping(path = "/v1/alias", produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> alias(HttpServletRequest request, CallerIdentity caller) throws IOException {
    return one(EventType.ALIAS, request, caller);
  }

  @Operation(
      summary = "Send up to 500 KB of events at once",
      description =
          "Each event carries its own type. Events that break the envelope rules go to the"
              + " quarantine with their reasons and are listed in the response; the rest are"
              + " accepted. 200 only once Kafka has acknowledged all of them.")
  @RequestBody(
      content =
          @Content(
              examples =
                  @ExampleObject(
                      "{\"batch\":[{\"type\":\"track\",\"userId\":\"ada\",\"event\":\"Signed Up\"}],"
                          + "\"context\":{\"library\":{\"name\":\"my-app\"}},\"sentAt\":\"2026-12-03T10:00:00Z\"}")))
  @PostMapping(path = "/v1/batch", produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> batch(HttpServletRequest request, CallerIdentity caller) throws IOException {
    byte[] body = RequestBodies.read(request, maxBatchBytes, IngestErrorCode.BATCH_TOO_LARGE);
    return TrackingResponses.batch(intake.acceptBatch(body, caller));
  }

  private Map<String, Object> one(EventType type, HttpServletRequest request, CallerIdentity caller)
      throws IOException {
    byte[] body = RequestBodies.read(request, maxEventBytes, IngestErrorCode.EVENT_TOO_LARGE);
    intake.acceptOne(type, body, caller);
    return TrackingResponses.SUCCESS;
  }
}
