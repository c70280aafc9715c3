package org.opencdp.query.lake;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.opencdp.event.lake.LakeTable;
import org.springframework.stereotype.Component;

/** The logical tables every tenant has: {@code events} and {@code quarantine}. */
@Component
public class LogicalTables {

  private final List<LogicalTable> tables =
      Arrays.stream(LakeTable.values()).map(LogicalTable::of).toList();

  public List<LogicalTable> all() {
    return tables;
  }

  public Set<String> names() {
    return tables.stream().map(LogicalTable::name).collect(Collectors.toUnmodifiableSet());
  }
}
