package org.opencdp.ai.rag.chunking;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How documents are cut into passages ({@code cdp.ai.chunking.*}). Sizes are in characters: one CJK
 * character is about one token, an English word of five letters about 1.3.
 *
 * @param maxChars the longest passage
 * @param overlapChars how much of the previous passage a passage repeats, whole sentences only
 */
@ConfigurationProperties("cdp.ai.chunking")
public record ChunkingProperties(
    @DefaultValue("600") int maxChars, @DefaultValue("100") int overlapChars) {

  public ChunkingProperties {
    if (maxChars < 50) {
      throw new IllegalArgumentException("cdp.ai.chunking.max-chars must be at least 50");
    }
    if (overlapChars < 0 || overlapChars >= maxChars) {
      throw new IllegalArgumentException(
          "cdp.ai.chunking.overlap-chars must be between 0 and max-chars");
    }
  }

  public static ChunkingProperties defaults() {
    return new ChunkingProperties(600, 100);
  }
}
