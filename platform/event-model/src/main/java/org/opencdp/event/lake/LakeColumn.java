package org.opencdp.event.lake;

/**
 * One column of a lake table.
 *
 * @param name the column name, snake_case
 * @param type its logical type
 * @param partition whether it is a Hive partition key (a folder, not a column in the files)
 */
public record LakeColumn(String name, LakeType type, boolean partition) {

  static LakeColumn column(String name, LakeType type) {
    return new LakeColumn(name, type, false);
  }

  static LakeColumn partitionKey(String name, LakeType type) {
    return new LakeColumn(name, type, true);
  }
}
