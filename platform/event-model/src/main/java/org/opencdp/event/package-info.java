/**
 * The OpenCDP event envelope (Segment spec), its strict JSON codec, topic names and lake schema.
 */
package org.opencdp.event;
