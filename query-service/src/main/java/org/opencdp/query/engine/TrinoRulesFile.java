package org.opencdp.query.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.opencdp.query.lake.LogicalTable;
import org.opencdp.query.lake.TenantLake;

/**
 * The rules.json of a Trino whose etc folder query-service manages: Trino's file-based rules cannot
 * say "each user its own schema", so every tenant is listed, and a tenant seen for the first time
 * is added by rewriting the file, which Trino reloads every {@code security.refresh-period}.
 */
final class TrinoRulesFile {

  private static final Pattern LISTED_SCHEMA = Pattern.compile("\"schema\": \"(t_[a-z0-9_]+)\"");
  private static final String TENANT_FOLDER = "tenant_id=";

  private final Path file;
  private final String adminUser;
  private final String catalog;
  private final TenantLake lake;
  private final Set<String> listed = new TreeSet<>();

  TrinoRulesFile(Path file, String adminUser, String catalog, TenantLake lake) {
    this.file = file;
    this.adminUser = adminUser;
    this.catalog = catalog;
    this.lake = lake;
  }

  /**
   * Lists {@code tenantId} in the file, with every tenant the file or the lake already knows (so
   * another writer's tenants are kept); {@code true} when the file did not list it before, so Trino
   * has yet to reload it.
   */
  synchronized boolean admit(String tenantId) throws IOException {
    if (listed.contains(tenantId)) {
      return false;
    }
    Set<String> before = inFile();
    Set<String> tenants = new TreeSet<>(listed);
    tenants.addAll(before);
    tenants.addAll(inLake());
    tenants.add(tenantId);
    if (!tenants.equals(before)) {
      write(TrinoAccessRules.render(adminUser, catalog, new ArrayList<>(tenants)));
    }
    listed.addAll(tenants);
    return !before.contains(tenantId);
  }

  private void write(String rules) throws IOException {
    // a sibling file moved over the old one: Trino never reads half a file
    Path next = file.resolveSibling("." + file.getFileName() + ".next");
    Files.writeString(next, rules);
    Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private Set<String> inFile() throws IOException {
    Set<String> tenants = new TreeSet<>();
    if (!Files.exists(file)) {
      return tenants;
    }
    Matcher m = LISTED_SCHEMA.matcher(Files.readString(file));
    while (m.find()) {
      tenants.add(TrinoNames.tenant(m.group(1)));
    }
    return tenants;
  }

  private List<String> inLake() throws IOException {
    List<String> tenants = new ArrayList<>();
    for (LogicalTable table : lake.tables()) {
      Path folder = lake.root().resolve(table.lake().folder());
      if (!Files.isDirectory(folder)) {
        continue;
      }
      try (Stream<Path> children = Files.list(folder)) {
        children
            .map(p -> p.getFileName().toString())
            .filter(name -> name.startsWith(TENANT_FOLDER))
            .map(name -> name.substring(TENANT_FOLDER.length()))
            .forEach(tenants::add);
      }
    }
    return tenants;
  }
}
