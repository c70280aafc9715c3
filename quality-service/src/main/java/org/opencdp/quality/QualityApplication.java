package org.opencdp.quality;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** quality-service: from cdp.raw.events to the Parquet lake, exactly once, and cdp.clean.events. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class QualityApplication {

  public static void main(String[] args) {
    SpringApplication.run(QualityApplication.class, args);
  }
}
