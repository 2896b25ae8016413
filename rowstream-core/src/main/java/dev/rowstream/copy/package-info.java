/**
 * The table sink: rows into a table of another database, exactly once across crashes ({@link dev.rowstream.copy.TableSink}).
 * Column types are mapped in one place, each dialect's {@link dev.rowstream.dialect.CopyTypes}.
 */
package dev.rowstream.copy;
