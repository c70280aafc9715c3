package org.opencdp.query.engine;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Trino file-based access control rules (etc/rules.json) for query-service: the admin user owns
 * everything; each tenant's user may only SELECT from its own schema in the lake catalog and sees
 * no other catalog (not even {@code system}). Trino's rules have no back-references, so the tenants
 * are listed.
 */
public final class TrinoAccessRules {

  private TrinoAccessRules() {}

  public static String render(String adminUser, String catalog, List<String> tenantIds) {
    String users = tenantIds.stream().map(TrinoNames::user).collect(Collectors.joining("|"));
    String schemas =
        tenantIds.stream()
            .map(
                t ->
                    "    {\"user\": \"%s\", \"schema\": \"%s\", \"owner\": false}"
                        .formatted(TrinoNames.user(t), TrinoNames.schema(t)))
            .collect(Collectors.joining(",\n"));
    String tables =
        tenantIds.stream()
            .map(
                t ->
                    ("    {\"user\": \"%s\", \"catalog\": \"%s\", \"schema\": \"%s\","
                            + " \"privileges\": [\"SELECT\"]}")
                        .formatted(TrinoNames.user(t), catalog, TrinoNames.schema(t)))
            .collect(Collectors.joining(",\n"));
    return """
        {
          "catalogs": [
            {"user": "%1$s", "catalog": ".*", "allow": "all"},
            {"user": "%3$s", "catalog": "%2$s", "allow": "read-only"},
            {"catalog": ".*", "allow": "none"}
          ],
          "schemas": [
            {"user": "%1$s", "owner": true},
        %4$s
          ],
          "tables": [
            {"user": "%1$s", "privileges": ["SELECT", "INSERT", "DELETE", "UPDATE", "OWNERSHIP"]},
        %5$s
          ],
          "procedures": [
            {"user": "%1$s", "catalog": "%2$s", "schema": "system", "procedure": ".*",
             "privileges": ["EXECUTE"]}
          ],
          "system_session_properties": [
            {"user": "%1$s", "property": ".*", "allow": true},
            {"property": ".*", "allow": false}
          ],
          "catalog_session_properties": [
            {"user": "%1$s", "property": ".*", "allow": true},
            {"property": ".*", "allow": false}
          ],
          "system_information": [
            {"user": "%1$s", "allow": ["read", "write"]}
          ]
        }
        """
        .formatted(adminUser, catalog, users, schemas, tables);
  }
}
