package org.opencdp.query;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** query-service: read-only, tenant-isolated SQL over the lake on DuckDB or Trino. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class QueryApplication {

  public static void main(String[] args) {
    SpringApplication.run(QueryApplication.class, args);
  }
}
