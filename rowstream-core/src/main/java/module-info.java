/**
 * rowstream's library: bounded-memory row streams over any JDBC {@link javax.sql.DataSource}.
 *
 * <p>Exported: the packages a user touches. {@code dev.rowstream.internal} is not (what is public there is public
 * for the library's own packages and the CLI, which runs on the class path). {@code dev.rowstream.dialect} is
 * exported: it is the SPI of a plug-in dialect ({@code DialectProvider}, {@code Dialect} and its facets), and
 * public signatures of other exported packages name its types ({@code doctor.Checkup}, {@code copy.TableSink}).
 * {@code ModuleDescriptorTest} checks this list and that no exported signature names an internal type.
 */
module dev.rowstream {
    requires transitive java.sql;
    requires java.logging;
    requires java.management;
    requires jdk.management;
    requires org.slf4j;
    // Transitive: dev.rowstream.format.JsonValues takes and gives jackson-core's JsonGenerator.
    requires transitive com.fasterxml.jackson.core;

    exports dev.rowstream;
    exports dev.rowstream.checkpoint;
    exports dev.rowstream.copy;
    exports dev.rowstream.dialect;
    exports dev.rowstream.doctor;
    exports dev.rowstream.format;
    exports dev.rowstream.job;
    exports dev.rowstream.keyset;
    exports dev.rowstream.sink;
    exports dev.rowstream.split;

    // Formats and compressions of other jars (rowstream-parquet, -xlsx, -zstd), found by Formats and Compressions;
    // dialects of databases rowstream does not ship, found by Dialects.
    uses dev.rowstream.format.Format;
    uses dev.rowstream.format.Compression;
    uses dev.rowstream.dialect.DialectProvider;
}
