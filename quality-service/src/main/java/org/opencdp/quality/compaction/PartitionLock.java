package org.opencdp.quality.compaction;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One compactor's hold on one partition folder: a hidden file ({@value #NAME}, which no lake reader
 * reads) created atomically with {@code CREATE_NEW}, so of two compactors (two replicas on one
 * lake) only one merges a partition at a time; two compacted files superseding the same inputs but
 * not each other would count those rows twice.
 *
 * <p>A lock is left behind when its holder is killed. It is taken over once it is older than the
 * timeout (the holder refreshes its modification time before the one step that counts, the rename)
 * or at once when it names a process of this host that no longer runs. A takeover first renames the
 * stale lock away, which only one contender can do, and puts back a lock that turned out to be
 * fresh. The holder checks that the lock is still its own just before it renames its merged file
 * into place.
 */
final class PartitionLock implements AutoCloseable {

  static final String NAME = "_compaction.lock";

  private static final String HOST = host();

  private final Path file;
  private final String content;

  private PartitionLock(Path file, String content) {
    this.file = file;
    this.content = content;
  }

  /** The lock of {@code folder}, if no one else holds it. */
  static Optional<PartitionLock> tryAcquire(Path folder, Duration staleAfter, Clock clock) {
    Path file = folder.resolve(NAME);
    String content =
        "token=" + UUID.randomUUID() + "\nhost=" + HOST + "\npid=" + ProcessHandle.current().pid();
    for (int attempt = 0; attempt < 2; attempt++) {
      try {
        Files.writeString(file, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        return Optional.of(new PartitionLock(file, content));
      } catch (FileAlreadyExistsException e) {
        if (!takeOverIfStale(folder, file, staleAfter, clock)) {
          return Optional.empty();
        }
      } catch (NoSuchFileException e) {
        return Optional.empty(); // the partition folder is gone
      } catch (IOException e) {
        throw new UncheckedIOException("could not lock " + folder, e);
      }
    }
    return Optional.empty();
  }

  /** Whether the lock file is still this holder's; refreshes its age when it is. */
  boolean stillHeld(Clock clock) {
    try {
      if (!content.equals(Files.readString(file))) {
        return false;
      }
      Files.setLastModifiedTime(file, FileTime.from(clock.instant()));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void close() {
    try {
      if (content.equals(Files.readString(file))) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      // gone already, or unreadable: it goes stale and is taken over
    }
  }

  private static boolean takeOverIfStale(Path folder, Path file, Duration staleAfter, Clock clock) {
    String seen;
    try {
      seen = Files.readString(file);
      Instant modified = Files.getLastModifiedTime(file).toInstant();
      boolean old = modified.plus(staleAfter).isBefore(clock.instant());
      if (!old && !holderIsGone(seen)) {
        return false;
      }
    } catch (NoSuchFileException e) {
      return true; // released meanwhile: try to create it again
    } catch (IOException e) {
      return false;
    }
    Path moved = folder.resolve(NAME + ".stale-" + UUID.randomUUID());
    try {
      Files.move(file, moved);
    } catch (NoSuchFileException e) {
      return true; // another contender took it away first: create it again
    } catch (IOException e) {
      return false;
    }
    try {
      if (Files.readString(moved).equals(seen)) {
        Files.delete(moved);
        return true;
      }
      // not the stale lock seen a moment ago but a fresh one: put it back unless one exists again
      try {
        Files.createLink(file, moved);
      } catch (FileAlreadyExistsException e) {
        // its holder finds it is no longer its own before it renames anything
      }
      Files.delete(moved);
      return false;
    } catch (IOException e) {
      return false;
    }
  }

  /** A lock naming a process of this host that no longer runs is stale at once. */
  private static boolean holderIsGone(String content) {
    String host = field(content, "host");
    String pid = field(content, "pid");
    if (!HOST.equals(host) || pid == null) {
      return false;
    }
    try {
      long id = Long.parseLong(pid);
      return id != ProcessHandle.current().pid() && ProcessHandle.of(id).isEmpty();
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static @Nullable String field(String content, String key) {
    for (String line : content.split("\n")) {
      if (line.startsWith(key + "=")) {
        return line.substring(key.length() + 1);
      }
    }
    return null;
  }

  private static String host() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown";
    }
  }
}
