/**
 * The demo tenant: a deterministic generator, its ground truth, and the loader into the gateway.
 */
package org.opencdp.launcher.demo;
