package org.opencdp.insight.knowledge;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.opencdp.event.Document;
import org.opencdp.event.EventCodec;
import org.opencdp.event.RecordKeys;
import org.opencdp.servicekit.auth.InternalTokenSigner;
import org.opencdp.servicekit.tenant.CallerIdentity;
import org.opencdp.servicekit.tenant.Role;
import org.opencdp.testkit.Infrastructure;
import tools.jackson.databind.JsonNode;

/** Produces documents as ingest-service does, and calls the API as the gateway does. */
final class Documents {

  static final EventCodec CODEC = EventCodec.segment();

  private Documents() {}

  static Document document(String tenant, String id, String title, String text, String language) {
    return new Document(id, title, text, language, List.of(), tenant, "src-1", Instant.now());
  }

  /** Produces with the tenant as key and waits for the broker's acknowledgement. */
  static void produce(String topic, Document... documents) throws Exception {
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                Infrastructure.kafka().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG,
                "all"),
            new StringSerializer(),
            new ByteArraySerializer())) {
      for (Document d : documents) {
        producer
            .send(
                new ProducerRecord<>(
                    topic, RecordKeys.tenant(d.tenantId()), CODEC.mapper().writeValueAsBytes(d)))
            .get(30, TimeUnit.SECONDS);
      }
    }
  }

  static String analyst(InternalTokenSigner signer, String tenant) {
    return signer.sign(new CallerIdentity(tenant, "key-1", Set.of(Role.ANALYST), null));
  }

  static HttpResponse<String> post(int port, String path, String token, String json)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode json(HttpResponse<String> response) {
    return CODEC.mapper().readTree(response.body());
  }
}
