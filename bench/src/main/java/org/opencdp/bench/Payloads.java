package org.opencdp.bench;

import java.nio.charset.StandardCharsets;

/**
 * The events every benchmark phase sends: realistic order events of ~330 bytes, generated before
 * the run so that generating them costs the measured machine nothing.
 */
final class Payloads {

  private Payloads() {}

  /** Pre-built bodies, handed out round-robin. */
  record Pool(byte[][] bodies) {
    byte[] get(long n) {
      return bodies[(int) (n % bodies.length)];
    }
  }

  static Pool batches(int count, int size) {
    byte[][] bodies = new byte[count][];
    for (int i = 0; i < count; i++) {
      bodies[i] = batch((long) i * size, size);
    }
    return new Pool(bodies);
  }

  static Pool singles(int count) {
    byte[][] bodies = new byte[count][];
    for (int i = 0; i < count; i++) {
      bodies[i] = event(1_000_000_000L + i).getBytes(StandardCharsets.UTF_8);
    }
    return new Pool(bodies);
  }

  static String event(long i) {
    return ("{\"type\":\"track\",\"event\":\"Order Completed\",\"userId\":\"user-%d\","
            + "\"messageId\":\"bench-%d-%d\",\"timestamp\":\"2026-12-03T10:00:00Z\","
            + "\"properties\":{\"order_id\":\"o-%d\",\"revenue\":%d.99,\"currency\":\"EUR\","
            + "\"product_id\":\"p-%d\",\"category\":\"shoes\",\"quantity\":2},"
            + "\"context\":{\"channel\":\"web\",\"locale\":\"de-DE\",\"ip\":\"10.0.0.1\"}}")
        .formatted(i % 20_000, ProcessHandle.current().pid(), i, i, i % 300, i % 500);
  }

  static byte[] batch(long first, int size) {
    StringBuilder body = new StringBuilder(size * 340 + 64).append("{\"batch\":[");
    for (int i = 0; i < size; i++) {
      if (i > 0) {
        body.append(',');
      }
      body.append(event(first + i));
    }
    return body.append("],\"sentAt\":\"2026-12-03T10:00:01Z\"}")
        .toString()
        .getBytes(StandardCharsets.UTF_8);
  }
}
