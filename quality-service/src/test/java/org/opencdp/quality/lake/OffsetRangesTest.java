package org.opencdp.quality.lake;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OffsetRangesTest {

  @Test
  void mergesAdjacentAndOverlappingOffsetsIntoRanges() {
    OffsetRanges r = new OffsetRanges();
    r.add(5);
    r.add(7);
    r.add(6);
    r.add(10, 12);
    r.add(11, 15);
    r.add(20);

    assertThat(r).hasToString("[5..7, 10..15, 20]");
    assertThat(r.count()).isEqualTo(3 + 6 + 1);
  }

  @Test
  void aRangeSpanningSeveralSwallowsThem() {
    OffsetRanges r = new OffsetRanges();
    r.add(1);
    r.add(3);
    r.add(5);
    r.add(0, 9);

    assertThat(r).hasToString("[0..9]");
  }

  @Test
  void answersWhetherAnOffsetIsHeldAndWhereTheRunFromItEnds() {
    OffsetRanges r = new OffsetRanges();
    r.add(10, 19);
    r.add(30);

    assertThat(r.contains(9)).isFalse();
    assertThat(r.contains(10)).isTrue();
    assertThat(r.contains(19)).isTrue();
    assertThat(r.contains(20)).isFalse();
    assertThat(r.firstMissingFrom(0)).isZero();
    assertThat(r.firstMissingFrom(10)).isEqualTo(20);
    assertThat(r.firstMissingFrom(15)).isEqualTo(20);
    assertThat(r.firstMissingFrom(30)).isEqualTo(31);
  }

  @Test
  void coverageSurvivesItsJsonForm() {
    SourceCoverage c = new SourceCoverage();
    c.add(new SourcePartition("cdp.raw.events", 2), 7);
    c.add(new SourcePartition("cdp.raw.events", 2), 8);
    c.add(new SourcePartition("cdp.raw.events", 0), 100);

    String json = c.toJson();

    assertThat(json)
        .isEqualTo(
            "[{\"topic\":\"cdp.raw.events\",\"partition\":0,\"ranges\":[[100,100]]},"
                + "{\"topic\":\"cdp.raw.events\",\"partition\":2,\"ranges\":[[7,8]]}]");
    SourceCoverage back = SourceCoverage.fromJson(json);
    assertThat(back.partitions()).isEqualTo(c.partitions());
  }

  @org.junit.jupiter.api.Test
  void answersAsASetOfOffsetsWouldWhateverTheOrderOfAdds() {
    java.util.Random random = new java.util.Random(3);
    for (int round = 0; round < 200; round++) {
      OffsetRanges ranges = new OffsetRanges();
      java.util.BitSet model = new java.util.BitSet();
      long next = random.nextInt(50);
      for (int step = 0; step < 300; step++) {
        int kind = random.nextInt(10);
        long first;
        long last;
        if (kind < 6) { // the usual case: the next offset of a run
          first = next;
          last = next;
        } else if (kind < 8) {
          first = random.nextInt(400);
          last = first + random.nextInt(20);
        } else {
          first = next + 1 + random.nextInt(5); // a gap
          last = first + random.nextInt(3);
        }
        next = last + 1;
        ranges.add(first, last);
        model.set((int) first, (int) last + 1);
        if (random.nextInt(25) == 0) {
          long probe = random.nextInt(450);
          assertThat(ranges.contains(probe)).isEqualTo(model.get((int) probe));
          assertThat(ranges.firstMissingFrom(probe)).isEqualTo(model.nextClearBit((int) probe));
        }
      }
      assertThat(ranges.count()).isEqualTo(model.cardinality());
      java.util.List<long[]> expected = new java.util.ArrayList<>();
      for (int from = model.nextSetBit(0); from >= 0; ) {
        int to = model.nextClearBit(from);
        expected.add(new long[] {from, to - 1});
        from = model.nextSetBit(to);
      }
      assertThat(ranges.ranges()).containsExactlyElementsOf(expected);
    }
  }
}
