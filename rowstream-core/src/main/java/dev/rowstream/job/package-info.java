/**
 * Jobs: a read that goes into a {@link dev.rowstream.sink.Sink}, with checkpoints so that it survives a crash:
 * {@link dev.rowstream.job.ExportJob}, from {@link dev.rowstream.ReadBuilder#exportTo}.
 */
package dev.rowstream.job;
