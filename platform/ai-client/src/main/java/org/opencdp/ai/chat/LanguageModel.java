package org.opencdp.ai.chat;

import java.lang.reflect.RecordComponent;
import java.util.function.Consumer;
import org.opencdp.ai.budget.TokenBudget;
import org.opencdp.ai.budget.TokenMeter;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.openai.OpenAiChatModel;
import org.springframework.ai.openai.OpenAiChatOptions;
import tools.jackson.databind.json.JsonMapper;

/**
 * An OpenAI-compatible chat model through Spring AI's {@link ChatClient}: every call checks the
 * tenant's token budget first, runs through {@link ModelCalls} (the SDK's own retries are off, so
 * ours are the only ones), and records tokens and cost.
 */
public final class LanguageModel {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final ChatProperties properties;
  private final ModelCalls calls;
  private final TokenBudget budget;
  private final TokenMeter meter;
  private final ChatClient client;

  public LanguageModel(
      ChatProperties properties, ModelCalls calls, TokenBudget budget, TokenMeter meter) {
    this.properties = properties;
    this.calls = calls;
    this.budget = budget;
    this.meter = meter;
    OpenAiChatOptions options =
        OpenAiChatOptions.builder()
            .baseUrl(properties.baseUrl())
            .apiKey(properties.resolvedApiKey())
            .model(properties.model())
            .timeout(properties.timeout())
            .maxRetries(0)
            .maxTokens(properties.maxTokens())
            .temperature(properties.temperature())
            .build();
    this.client = ChatClient.create(OpenAiChatModel.builder().options(options).build());
  }

  public String model() {
    return properties.model();
  }

  /** One completion for the tenant, metered under the feature name. */
  public Completion complete(String tenant, String feature, ChatPrompt prompt) {
    budget.check(tenant);
    ChatResponse response =
        calls.call(
            "chat",
            () ->
                client.prompt().system(prompt.system()).user(prompt.user()).call().chatResponse());
    String text = response == null ? null : response.getResult().getOutput().getText();
    if (text == null) {
      throw new ModelCallFailed(-1, null, "the model answered nothing", null);
    }
    return metered(tenant, feature, text, response.getMetadata().getUsage());
  }

  /** A streamed completion: each piece goes to {@code pieces} as it arrives, the whole returned. */
  public Completion stream(
      String tenant, String feature, ChatPrompt prompt, Consumer<String> pieces) {
    budget.check(tenant);
    StringBuilder text = new StringBuilder();
    Usage[] usage = new Usage[1];
    calls.call(
        "chat",
        () -> {
          try {
            return streamOnce(prompt, pieces, text, usage);
          } catch (RuntimeException e) {
            if (text.length() > 0) {
              // pieces already went out: a retry would repeat them
              throw new ModelCallFailed(-1, null, "the stream broke after it had begun", e);
            }
            throw e;
          }
        });
    return metered(tenant, feature, text.toString(), usage[0]);
  }

  private int streamOnce(
      ChatPrompt prompt, Consumer<String> pieces, StringBuilder text, Usage[] usage) {
    client.prompt().system(prompt.system()).user(prompt.user()).stream()
        .chatResponse()
        .doOnNext(
            r -> {
              if (r.getResult() != null && r.getResult().getOutput().getText() != null) {
                String piece = r.getResult().getOutput().getText();
                text.append(piece);
                pieces.accept(piece);
              }
              if (r.getMetadata().getUsage() != null
                  && r.getMetadata().getUsage().getTotalTokens() > 0) {
                usage[0] = r.getMetadata().getUsage();
              }
            })
        .blockLast(properties.timeout());
    return text.length();
  }

  /**
   * A JSON answer parsed into the record type; every component must be present. When it does not
   * parse, the model is asked once to repair it, given the error.
   */
  public <T extends Record> T structured(
      String tenant, String feature, ChatPrompt prompt, Class<T> type) {
    Completion first = complete(tenant, feature, prompt);
    try {
      return parse(first.text(), type);
    } catch (RuntimeException invalid) {
      ChatPrompt repair =
          new ChatPrompt(
              prompt.system(),
              "Your previous answer was not valid: "
                  + invalid.getMessage()
                  + "\nPrevious answer:\n"
                  + first.text()
                  + "\nAnswer again with only the corrected JSON object.");
      Completion second = complete(tenant, feature, repair);
      try {
        return parse(second.text(), type);
      } catch (RuntimeException stillInvalid) {
        throw new StructuredOutputInvalid(
            "the model's JSON did not fit "
                + type.getSimpleName()
                + ": "
                + stillInvalid.getMessage(),
            stillInvalid);
      }
    }
  }

  static <T extends Record> T parse(String text, Class<T> type) {
    String json = text.strip();
    int start = json.indexOf('{');
    int end = json.lastIndexOf('}');
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("no JSON object in the answer");
    }
    T value = JSON.readValue(json.substring(start, end + 1), type);
    for (RecordComponent component : type.getRecordComponents()) {
      try {
        if (component.getAccessor().invoke(value) == null) {
          throw new IllegalArgumentException("field '" + component.getName() + "' is missing");
        }
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
    }
    return value;
  }

  private Completion metered(String tenant, String feature, String text, Usage usage) {
    long prompt = usage == null || usage.getPromptTokens() == null ? 0 : usage.getPromptTokens();
    long completion =
        usage == null || usage.getCompletionTokens() == null ? 0 : usage.getCompletionTokens();
    budget.record(tenant, prompt + completion);
    meter.record(tenant, feature, properties.model(), prompt, completion);
    return new Completion(text, properties.model(), prompt, completion);
  }
}
