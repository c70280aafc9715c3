package org.opencdp.ingest.importing;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The imports of this instance, newest last; finished ones are forgotten past a bound. */
@Component
class ImportJobs {

  private static final int KEPT = 200;
  private final Map<String, ImportJob> jobs = new LinkedHashMap<>();

  synchronized boolean register(ImportJob job) {
    if (jobs.containsKey(job.id())) {
      return false;
    }
    jobs.put(job.id(), job);
    Iterator<ImportJob> oldest = jobs.values().iterator();
    while (jobs.size() > KEPT && oldest.hasNext()) {
      if (oldest.next().state() != ImportJob.State.RUNNING) {
        oldest.remove();
      }
    }
    return true;
  }

  /** A job of this tenant only: another tenant's id is simply not found. */
  synchronized Optional<ImportJob> find(String tenantId, String id) {
    ImportJob job = jobs.get(id);
    return job != null && job.tenantId().equals(tenantId) ? Optional.of(job) : Optional.empty();
  }
}
