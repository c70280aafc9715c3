package org.opencdp.quality.lake;

import java.nio.file.Path;

/**
 * A file that is in the lake: durable and visible under its final name.
 *
 * @param path where it is
 * @param rows how many rows it holds
 * @param coverage the source records those rows came from
 */
public record LakeFile(Path path, long rows, SourceCoverage coverage) {}
