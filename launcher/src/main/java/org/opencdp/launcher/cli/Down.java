package org.opencdp.launcher.cli;

import java.util.ArrayList;
import java.util.List;
import org.opencdp.launcher.kafka.KafkaBroker;
import org.opencdp.launcher.process.RunDirectory;
import org.opencdp.launcher.process.Shutdown;
import org.opencdp.launcher.services.Service;
import org.opencdp.launcher.services.Services;
import org.opencdp.launcher.trino.TrinoNode;

/**
 * {@code ./cdp down}: asks the supervising launcher to stop (it stops services, then Kafka), then
 * stops whatever pid files still name, in the same order.
 */
final class Down {

  private final CdpOptions options;
  private final Console console;

  Down(CdpOptions options, Console console) {
    this.options = options;
    this.console = console;
  }

  /** Services last to first, then Trino, then the broker: the order {@code up} stops them in. */
  static List<String> stopOrder() {
    List<String> order = new ArrayList<>(Services.ALL.stream().map(Service::module).toList());
    java.util.Collections.reverse(order);
    order.add(TrinoNode.NAME);
    order.add(KafkaBroker.NAME);
    return order;
  }

  int run() {
    RunDirectory run = new RunDirectory(options.dataDir());
    Shutdown shutdown = new Shutdown(run, message -> console.say(message));
    // The supervisor gets time to stop each child gracefully itself.
    int supervisors =
        shutdown.stop(List.of(Up.SUPERVISOR), Up.STOP_GRACE.multipliedBy(Services.ALL.size() + 3));
    int strays = shutdown.stop(stopOrder(), Up.STOP_GRACE);
    if (supervisors + strays == 0) {
      console.say("nothing running for " + options.dataDir());
    } else {
      console.say(
          "stopped" + (strays > 0 ? " (" + strays + " process(es) without supervisor)" : ""));
    }
    return 0;
  }
}
