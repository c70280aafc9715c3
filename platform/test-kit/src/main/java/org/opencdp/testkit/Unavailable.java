package org.opencdp.testkit;

/** Why a provider cannot supply something on this machine; the message ends up in the abort. */
final class Unavailable extends Exception {

  Unavailable(String reason) {
    super(reason, null, false, false);
  }
}
