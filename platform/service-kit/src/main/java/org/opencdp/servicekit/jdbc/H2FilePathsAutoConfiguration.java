package org.opencdp.servicekit.jdbc;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;

/** In a service with a JDBC data source: local H2 file paths made absolute before it connects. */
@AutoConfiguration
@ConditionalOnClass(DataSourceProperties.class)
public class H2FilePathsAutoConfiguration {

  @Bean
  static H2FilePaths h2FilePaths() {
    return new H2FilePaths();
  }
}
