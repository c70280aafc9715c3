package org.opencdp.ingest.tracking;

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
class TrackingController {

  private final EventIntake intake;
  private final int maxEventBytes;
  private final int maxBatchBytes;

  TrackingController(EventIntake intake) {
    this.intake = intake;
    this.maxEventBytes = intake.codec().limits().maxEventBytes();
    this.maxBatchBytes = intake.codec().limits().maxBatchBytes();
  }

  @PostMapping(path = "/v1/track", produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> track(HttpServletRequest request, CallerIdentity caller) throws IOException {
    return one(EventType.TRACK, request, caller);
  }

  @PostMapping(path = "/v1/identify", produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> identify(HttpServletRequest request, CallerIdentity caller)
      throws IOException {
    return one(EventType.IDENTIFY, request, caller);
  }

  @PostMapping(path = "/v1/page", produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> page(HttpServletRequest request, CallerIdentity caller) throws IOException {
    return one(EventType.PAGE, request, caller);
  }

  @PostMapping(path = "/v1/screen", produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> screen(HttpServletRequest request, CallerIdentity caller) throws IOException {
    return one(EventType.SCREEN, request, caller);
  }

  @PostMapping(path = "/v1/group", produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> group(HttpServletRequest request, CallerIdentity caller) throws IOException {
    return one(EventType.GROUP, request, caller);
  }

  @PostMapping(path = "/v1/alias", produces = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> alias(HttpServletRequest request, CallerIdentity caller) throws IOException {
    return one(EventType.ALIAS, request, caller);
  }

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
