package org.opencdp.insight;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * insight-service: the tenant knowledge base (search and grounded answers) over cdp.raw.documents.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class InsightApplication {

  public static void main(String[] args) {
    SpringApplication.run(InsightApplication.class, args);
  }
}
