package org.opencdp.testkit;

import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicBoolean;

/** Cleanup run once at JVM exit, newest first: brokers left running, databases left behind. */
final class AtExit {

  private static final Deque<Runnable> actions = new ConcurrentLinkedDeque<>();
  private static final AtomicBoolean hooked = new AtomicBoolean();

  private AtExit() {}

  static void register(Runnable action) {
    if (hooked.compareAndSet(false, true)) {
      Runtime.getRuntime().addShutdownHook(new Thread(AtExit::runAll, "cdp-test-kit-cleanup"));
    }
    actions.push(action);
  }

  /** For what was cleaned up early, so it is not cleaned up twice. */
  static void forget(Runnable action) {
    actions.remove(action);
  }

  private static void runAll() {
    for (Runnable action = actions.poll(); action != null; action = actions.poll()) {
      try {
        action.run();
      } catch (RuntimeException ignored) {
        // best effort: the JVM is exiting and one failure must not keep the rest from running
      }
    }
  }
}
