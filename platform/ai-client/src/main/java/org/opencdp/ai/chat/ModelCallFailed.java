package org.opencdp.ai.chat;

import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIServiceException;
import java.io.InterruptedIOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;

/**
 * A model endpoint failed: its HTTP status (0 when there was no answer: refused, reset, timed out)
 * and the Retry-After it sent, so the retry can honour it.
 */
public final class ModelCallFailed extends RuntimeException {

  private final int status;
  private final String retryAfter;

  public ModelCallFailed(int status, String retryAfter, String message, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.retryAfter = retryAfter;
  }

  /** Translates whatever the OpenAI SDK (or Spring AI around it) threw. */
  public static ModelCallFailed from(Throwable thrown) {
    if (thrown instanceof ModelCallFailed failed) {
      return failed;
    }
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      if (t instanceof OpenAIServiceException service) {
        List<String> after = service.headers().values("Retry-After");
        return new ModelCallFailed(
            service.statusCode(),
            after.isEmpty() ? null : after.get(0),
            "model endpoint answered " + service.statusCode(),
            thrown);
      }
      if (t instanceof OpenAIIoException
          || t instanceof InterruptedIOException
          || t instanceof HttpTimeoutException
          || t instanceof java.net.ConnectException) {
        return new ModelCallFailed(0, null, "model endpoint did not answer: " + t, thrown);
      }
    }
    return new ModelCallFailed(-1, null, "model call failed: " + thrown, thrown);
  }

  /** The HTTP status, 0 for no answer, -1 for a failure that is not the endpoint's. */
  public int status() {
    return status;
  }

  /** Worth trying again: throttled, a server error, or no answer in time. */
  public boolean retryable() {
    return status == 0 || status == 429 || status >= 500;
  }

  /** The wait the endpoint asked for (Retry-After in seconds), if it asked. */
  public Duration retryAfter() {
    if (retryAfter == null) {
      return null;
    }
    try {
      return Duration.ofMillis(Math.round(Double.parseDouble(retryAfter.strip()) * 1000));
    } catch (NumberFormatException httpDate) {
      return null; // an HTTP-date: fall back to our own backoff
    }
  }
}
