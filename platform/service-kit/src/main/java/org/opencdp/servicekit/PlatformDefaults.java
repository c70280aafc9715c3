package org.opencdp.servicekit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Properties;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.DefaultPropertiesPropertySource;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertiesPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;

/**
 * Adds service-kit's defaults (Kafka client tuning, actuator exposure, error rendering) as the
 * lowest-precedence property source, so any application.yml, profile, system property or
 * environment variable overrides them.
 */
public final class PlatformDefaults implements EnvironmentPostProcessor, Ordered {

  public static final String PROPERTY_SOURCE_NAME = "opencdpServiceKitDefaults";

  static final String RESOURCE = "org/opencdp/servicekit/platform-defaults.properties";

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    if (environment.getPropertySources().contains(PROPERTY_SOURCE_NAME)) {
      return;
    }
    Properties defaults = load();
    // SpringApplication's own default properties are always moved to the very end, below this
    // source: leave out what they set, so the application's defaults beat the library's.
    PropertySource<?> applicationDefaults =
        environment.getPropertySources().get(DefaultPropertiesPropertySource.NAME);
    if (applicationDefaults != null) {
      defaults.keySet().removeIf(key -> applicationDefaults.containsProperty((String) key));
    }
    environment
        .getPropertySources()
        .addLast(new PropertiesPropertySource(PROPERTY_SOURCE_NAME, defaults));
  }

  static Properties load() {
    try {
      return PropertiesLoaderUtils.loadProperties(new ClassPathResource(RESOURCE));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + RESOURCE, e);
    }
  }

  /** Last, so the application's config files are already in place and rank above these. */
  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }
}
