package org.opencdp.servicekit.jdbc;

import java.nio.file.Path;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;

/**
 * Makes a local H2 file database's path absolute. H2 refuses a path that is implicitly relative to
 * the working directory, and {@code cdp.data-dir} may well be one ({@code data}, {@code
 * target/run/data}).
 */
public final class H2FilePaths implements BeanPostProcessor {

  private static final String PREFIX = "jdbc:h2:file:";

  @Override
  public Object postProcessBeforeInitialization(Object bean, String name) {
    if (bean instanceof DataSourceProperties properties && properties.getUrl() != null) {
      properties.setUrl(absolute(properties.getUrl()));
    }
    return bean;
  }

  /** The URL with an absolute file path when it names an H2 file database; others unchanged. */
  public static String absolute(String url) {
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
