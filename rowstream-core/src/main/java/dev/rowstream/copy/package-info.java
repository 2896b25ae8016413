/**
 * Table-to-table copy between databases, resumable after a crash: {@link dev.rowstream.copy.TableCopy}.
 * Column types are mapped in one place, {@link dev.rowstream.copy.TypeMapper}.
 */
package dev.rowstream.copy;
