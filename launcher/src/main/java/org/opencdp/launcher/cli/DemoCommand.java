package org.opencdp.launcher.cli;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.opencdp.launcher.demo.DemoFiles;
import org.opencdp.launcher.demo.DemoGenerator;
import org.opencdp.launcher.demo.DemoLoader;
import org.opencdp.launcher.demo.GatewayClient;
import org.opencdp.launcher.demo.LakeGenerator;
import org.opencdp.launcher.demo.LakeSpec;
import org.opencdp.launcher.process.Readiness;

/**
 * {@code ./cdp demo} and {@code up --demo}: loads the demo tenant once; {@code demo --lake-rows}:
 * large synthetic volumes straight into the lake; {@code generate}: to a file.
 */
final class DemoCommand {

  private final CdpOptions options;
  private final Console console;

  DemoCommand(CdpOptions options, Console console) {
    this.options = options;
    this.console = console;
  }

  /** Loads the demo unless the marker says it is there; answers the exit status. */
  int loadOnce() throws Exception {
    DemoFiles files = new DemoFiles(options.dataDir());
    if (files.loaded()) {
      console.say("demo data already loaded (" + files.marker() + "); not loading it again");
      return 0;
    }
    Map<String, String> credentials =
        credentials(options.dataDir().resolve("local-credentials.env"));
    String writeKey = credentials.get("CDP_WRITE_KEY");
    if (writeKey == null) {
      console.say(
          "no CDP_WRITE_KEY in "
              + options.dataDir().resolve("local-credentials.env")
              + ": is the gateway running on this data directory? (./cdp status)");
      return 1;
    }
    URI gateway = URI.create(credentials.getOrDefault("CDP_GATEWAY_URL", "http://localhost:8080"));
    Readiness ready =
        Readiness.http(
            java.net.http.HttpClient.newHttpClient(), gateway + "/actuator/health/readiness");
    if (ready.check() != Readiness.State.READY) {
      console.say("the gateway at " + gateway + " is not ready; start the platform with ./cdp up");
      return 1;
    }
    var spec = options.demoSpec();
    console.sayf(
        "loading the demo tenant through %s/v1/batch: %d customers, %d days to %s, seed %d",
        gateway, spec.customers(), spec.days(), spec.endDate(), spec.seed());
    DemoGenerator generator = new DemoGenerator(spec);
    DemoLoader loader =
        new DemoLoader(
            new GatewayClient(gateway, writeKey, Duration.ofSeconds(30)), console.stream(), 3);
    DemoLoader.Result result = loader.load(generator);
    files.writeTruth(generator);
    files.markLoaded(spec, result);
    console.sayf(
        "demo loaded: %,d events in %,d batches (%,d quarantined at ingest, as planned), %d documents, %.1f s",
        result.events(),
        result.batches(),
        result.quarantined(),
        result.documents(),
        result.millis() / 1000.0);
    console.say("ground truth    " + files.groundTruth());
    return 0;
  }

  /**
   * Writes {@code --lake-rows} synthetic events for {@code --tenant} straight into the data
   * directory's lake (no platform needed; a running one sees them too).
   */
  int lake() throws Exception {
    LakeSpec spec = LakeSpec.of(options.tenant(), options.lakeRows(), options.demoSpec());
    Path lake = options.dataDir().resolve("lake");
    console.sayf(
        "writing %,d synthetic events for tenant %s into %s: %d days to %s, %,d users, seed %d",
        spec.rows(),
        spec.tenant(),
        lake.resolve("events"),
        spec.days(),
        spec.endDate(),
        spec.users(),
        spec.seed());
    LakeGenerator.Result result = new LakeGenerator(spec).write(lake, console.stream());
    console.sayf(
        "lake written: %,d events, %,d files in %,d partitions, %.1f MiB, %.1f s (%,.0f rows/s)",
        result.rows(),
        result.files(),
        result.partitions(),
        result.bytes() / 1048576.0,
        result.millis() / 1000.0,
        result.rows() * 1000.0 / Math.max(1, result.millis()));
    console.say(
        "query them as tenant "
            + spec.tenant()
            + (spec.tenant().equals("demo")
                ? " (./cdp up creates it)"
                : " (create it: POST /v1/admin/tenants with the admin key)")
            + "; a rerun with the same options rewrites the same files");
    return 0;
  }

  /** Writes the stream as NDJSON with its ground truth, without a platform. */
  int generate() {
    DemoFiles files = new DemoFiles(options.dataDir());
    Path out =
        options.out() != null ? options.out() : options.dataDir().resolve("demo/events.ndjson");
    DemoGenerator generator = new DemoGenerator(options.demoSpec());
    long start = System.nanoTime();
    long events = DemoFiles.writeNdjson(generator, out);
    files.writeTruth(generator);
    console.sayf(
        "%,d events to %s in %.1f s; ground truth %s",
        events, out, (System.nanoTime() - start) / 1e9, files.groundTruth());
    return 0;
  }

  private Map<String, String> credentials(Path file) throws Exception {
    // the gateway writes the file while it starts: give it a little time
    for (int i = 0; i < 60 && !Files.exists(file); i++) {
      Thread.sleep(500);
    }
    Map<String, String> values = new java.util.LinkedHashMap<>();
    if (Files.exists(file)) {
      for (String line : Files.readAllLines(file)) {
        int eq = line.indexOf('=');
        if (eq > 0 && !line.startsWith("#")) {
          values.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
        }
      }
    }
    return values;
  }
}
