/**
 * Where rows go: {@link dev.rowstream.sink.Sink}, one small interface with commit points, and the sinks
 * rowstream has ({@link dev.rowstream.sink.Sinks}): files in any format and compression, rolled over into
 * numbered files if wanted ({@link dev.rowstream.sink.FileSink}), streams ({@link dev.rowstream.sink.StreamSink})
 * and database tables ({@link dev.rowstream.copy.TableSink}).
 */
package dev.rowstream.sink;
