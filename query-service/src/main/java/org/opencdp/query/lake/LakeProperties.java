package org.opencdp.query.lake;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the lake is ({@code cdp.lake.root}, the key quality-service writes to).
 *
 * @param root the lake's root folder ({@code ${cdp.data-dir}/lake} in application.yml)
 */
@ConfigurationProperties("cdp.lake")
public record LakeProperties(@DefaultValue("./data/lake") Path root) {

  public LakeProperties {
    root = root.toAbsolutePath().normalize();
  }
}
