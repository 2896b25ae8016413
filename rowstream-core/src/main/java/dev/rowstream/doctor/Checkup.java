package dev.rowstream.doctor;

import dev.rowstream.Strategy;
import dev.rowstream.dialect.ServerSetting;
import dev.rowstream.dialect.Streaming;
import java.util.List;
import java.util.OptionalLong;

/**
 * What {@link Doctor#examine()} found about a database, its driver and one read.
 *
 * @param database        the product and version, as the driver reports them
 * @param driver          the driver's name and version
 * @param dialect         the rowstream dialect in use, such as {@code postgresql}
 * @param plainSettings   the settings of a plain statement on the connection as it came, in words
 * @param plainRead       whether a plain JDBC read with those settings streams, and why
 * @param setup           what rowstream changes for CURSOR and HYBRID reads on this driver
 * @param rowstreamRead   whether rowstream's cursor streams on this connection, and why
 * @param timeouts        the server settings that can end a long read
 * @param read            the table or query examined, or null when none was given
 * @param estimatedRows   the table's rows by the statistics; empty for a query or when unknown
 * @param strategy        what {@code --strategy auto} picks for the read (null without one)
 * @param measurement     allocation measured for a plain and for rowstream's read, or null (see {@code notMeasured})
 * @param notMeasured     why there is no measurement, or null
 * @param recommendation  one line: the strategy to use, and why
 */
public record Checkup(String database, String driver, String dialect, String plainSettings, Streaming plainRead,
                      List<String> setup, Streaming rowstreamRead, List<ServerSetting> timeouts, String read,
                      OptionalLong estimatedRows, Strategy strategy, Measurement measurement, String notMeasured,
                      String recommendation) {

    /**
     * What the reading thread allocated inside {@code executeQuery}, for the same rows read two ways.
     *
     * @param rows       rows in the measured result (the read, cut to a LIMIT)
     * @param plain      a plain {@code Statement} on the connection as it came
     * @param rowstream  the statement rowstream prepares for CURSOR and HYBRID
     */
    public record Measurement(long rows, Read plain, Read rowstream) {
    }

    /**
     * One measured read.
     *
     * @param fetchSize     the statement's fetch size (0: the driver's default)
     * @param executeBytes  bytes allocated inside executeQuery
     * @param rowBytes      bytes allocated per row afterwards, inside next() and getObject()
     * @param readWhole     true when executeQuery took every row (buffers), false when it took a fetch
     *                      (streams), null when the result is too small to tell
     */
    public record Read(int fetchSize, long executeBytes, long rowBytes, Boolean readWhole) {
    }
}
