package org.opencdp.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import org.opencdp.testkit.Infrastructure;
import org.opencdp.testkit.KafkaBroker;

/**
 * A real single-node KRaft broker in a process of its own for benchmarks: writes its bootstrap
 * address to the file given as the first argument and runs until killed.
 */
public final class BenchBroker {

  private BenchBroker() {}

  public static void main(String[] args) throws Exception {
    KafkaBroker broker = Infrastructure.dedicatedKafka();
    Runtime.getRuntime().addShutdownHook(new Thread(broker::close));
    Files.writeString(Path.of(args[0]), broker.bootstrapServers());
    System.out.println("broker ready at " + broker.bootstrapServers());
    Thread.currentThread().join();
  }
}
