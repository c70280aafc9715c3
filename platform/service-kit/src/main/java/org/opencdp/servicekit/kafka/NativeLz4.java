package org.opencdp.servicekit.kafka;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets Kafka's LZ4 (the platform compresses every topic with it) run lz4-java's native code inside
 * a Spring Boot jar. lz4-java chooses its JNI implementation by itself only when it was loaded by
 * the system class loader; loaded from a Boot jar's nested libraries it settles for its pure-Java
 * "safe" implementation, which costs several times the CPU per byte on the hot path of every
 * producer and consumer. Asking once for the native instance loads the native library, and from
 * then on the library's fastest instance, which Kafka asks for per batch, is the native one. Where
 * the native library cannot load (another platform, no writable temp folder), everything stays on
 * the Java implementation, as before.
 */
final class NativeLz4 {

  private static final Logger log = LoggerFactory.getLogger(NativeLz4.class);
  private static final String FACTORY = "net.jpountz.lz4.LZ4Factory";

  private NativeLz4() {}

  /** Loads the native LZ4 of lz4-java as {@code loader} sees it; whether it is now the fastest. */
  static boolean load(ClassLoader loader) {
    try {
      Class<?> factory = Class.forName(FACTORY, true, loader);
      factory.getMethod("nativeInstance").invoke(null);
      return isNativeFastest(loader);
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      log.info("Kafka's LZ4 stays on its Java implementation: {}", e.toString());
      return false;
    }
  }

  /**
   * Whether the instance Kafka gets from {@code LZ4Factory.fastestInstance()} is the native one.
   */
  static boolean isNativeFastest(ClassLoader loader) throws ReflectiveOperationException {
    Class<?> factory = Class.forName(FACTORY, true, loader);
    return String.valueOf(factory.getMethod("fastestInstance").invoke(null)).contains("JNI");
  }
}
