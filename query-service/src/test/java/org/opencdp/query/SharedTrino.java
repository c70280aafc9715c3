package org.opencdp.query;

import java.util.List;
import org.opencdp.query.engine.TrinoAccessRules;
import org.opencdp.testkit.TrinoServer;

/** The test JVM's one Trino server, with access rules for the tenants the Trino tests use. */
public final class SharedTrino {

  /** Every tenant a Trino test queries as; Trino's file-based rules list them. */
  public static final List<String> TENANTS =
      List.of("xacme", "xglobex", "x-empty", "xsync", "xiso", "xiso-x", "xrace");

  private SharedTrino() {}

  /** Starts Trino on first use; skips the calling test where no JDK >= 24 exists. */
  public static TrinoServer server() {
    return TrinoServer.shared(TrinoAccessRules.render("cdp", "lake", TENANTS));
  }
}
