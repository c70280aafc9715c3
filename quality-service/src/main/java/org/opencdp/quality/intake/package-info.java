/**
 * From {@code cdp.raw.events} to the lake and {@code cdp.clean.events}: decode, buffer per lake
 * partition, write durable files, then commit offsets; undecodable records go to quarantine.
 */
@NullMarked
package org.opencdp.quality.intake;

import org.jspecify.annotations.NullMarked;
