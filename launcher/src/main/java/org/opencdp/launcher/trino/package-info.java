/** The local Trino of {@code ./cdp up --engine trino}: its JDK, install, configuration, health. */
package org.opencdp.launcher.trino;
