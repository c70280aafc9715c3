/**
 * Tracking plans (JSON Schema per event) and rules (CEL expressions), managed over REST, stored as
 * immutable versions, compiled once and evaluated by the intake for every event.
 */
@NullMarked
package org.opencdp.quality.rules;

import org.jspecify.annotations.NullMarked;
