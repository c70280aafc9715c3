package org.opencdp.launcher.kafka;

/** The broker's logging: to stdout (which the supervisor appends to logs/kafka.log), quiet. */
final class Log4jConfig {

  private Log4jConfig() {}

  static final String XML =
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <Configuration status="WARN">
        <Appenders>
          <Console name="stdout" target="SYSTEM_OUT">
            <PatternLayout pattern="%d{ISO8601} %-5p [%c{1}] %m%n"/>
          </Console>
        </Appenders>
        <Loggers>
          <Logger name="kafka.server.KafkaRaftServer" level="INFO"/>
          <Logger name="kafka.server.BrokerServer" level="INFO"/>
          <Logger name="org.apache.kafka" level="WARN"/>
          <Logger name="kafka" level="WARN"/>
          <Logger name="state.change.logger" level="WARN"/>
          <Root level="INFO">
            <AppenderRef ref="stdout"/>
          </Root>
        </Loggers>
      </Configuration>
      """;
}
