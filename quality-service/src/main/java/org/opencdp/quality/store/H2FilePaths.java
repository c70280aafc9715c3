package org.opencdp.quality.store;

import java.nio.file.Path;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.stereotype.Component;

/**
 * Makes the local H2 file database's path absolute: H2 refuses a path implicitly relative to the
 * working directory, and {@code cdp.data-dir} often is one ({@code ./data}).
 */
@Component
class H2FilePaths implements BeanPostProcessor {

  private static final String PREFIX = "jdbc:h2:file:";

  @Override
  public Object postProcessBeforeInitialization(Object bean, String name) {
    if (bean instanceof DataSourceProperties properties && properties.getUrl() != null) {
      properties.setUrl(absolute(properties.getUrl()));
    }
    return bean;
  }

  static String absolute(String url) {
    if (!url.startsWith(PREFIX)) {
      return url;
    }
    String rest = url.substring(PREFIX.length());
    int options = rest.indexOf(';');
    String file = options < 0 ? rest : rest.substring(0, options);
    if (file.startsWith("~") || file.startsWith("mem:")) {
      return url;
    }
    String absolute = Path.of(file).toAbsolutePath().normalize().toString();
    return PREFIX + absolute + (options < 0 ? "" : rest.substring(options));
  }
}
