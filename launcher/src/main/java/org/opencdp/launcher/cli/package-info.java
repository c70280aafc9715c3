/** The {@code ./cdp} command line: up, down, status, demo, generate. */
package org.opencdp.launcher.cli;
