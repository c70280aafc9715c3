package org.opencdp.quality.intake;

import java.util.List;
import org.opencdp.quality.lake.LakeFile;
import org.opencdp.quality.lake.QuarantineRow;

/** Told of every quarantine file once it is durable (the quarantine index listens). */
public interface QuarantineSink {

  QuarantineSink NONE = (file, rows) -> {};

  /** Must not throw into the intake: a failure is made good by the rebuild at start. */
  void landed(LakeFile file, List<QuarantineRow> rows);
}
