/** Child processes: supervision with restart backoff, pid files, logs, stopping from any shell. */
package org.opencdp.launcher.process;
