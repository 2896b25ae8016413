package dev.rowstream.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rowstream.Columns;
import dev.rowstream.InvalidSpecException;
import dev.rowstream.Row;
import dev.rowstream.format.Format;
import dev.rowstream.format.FormatOptions;
import dev.rowstream.format.Formats;
import dev.rowstream.format.RowWriter;
import dev.rowstream.format.UnwritableValueException;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Parquet writer on its own (no database): schema, every kind of value, options and refusals, read back by DuckDB. */
class ParquetFormatTest {
    @TempDir
    Path dir;

    private static final Format PARQUET = Formats.named("parquet");

    /** Columns as a driver reports them: label, JDBC type, type name, precision, scale. */
    private static Columns columns(Object[]... specs) {
        int n = specs.length;
        String[] labels = new String[n];
        int[] types = new int[n];
        String[] names = new String[n];
        int[] precisions = new int[n];
        int[] scales = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = (String) specs[i][0];
            types[i] = (Integer) specs[i][1];
            names[i] = (String) specs[i][2];
            precisions[i] = specs[i].length > 3 ? (Integer) specs[i][3] : 0;
            scales[i] = specs[i].length > 4 ? (Integer) specs[i][4] : 0;
        }
        return new Columns(labels, types, names, precisions, scales);
    }

    private Path write(Columns columns, FormatOptions options, Object[]... rows) throws IOException {
        Path file = Files.createTempFile(dir, "t", ".parquet");
        try (OutputStream out = Files.newOutputStream(file); RowWriter w = PARQUET.writer(out, options)) {
            w.begin(columns);
            for (Object[] r : rows) {
                w.write(new Row(columns, r));
            }
        }
        return file;
    }

    private static final Columns ALL = columns(
            new Object[] {"i8", Types.TINYINT, "TINYINT"},
            new Object[] {"i16", Types.SMALLINT, "int2"},
            new Object[] {"i32", Types.INTEGER, "int4"},
            new Object[] {"i64", Types.BIGINT, "int8"},
            new Object[] {"u8", Types.TINYINT, "TINYINT UNSIGNED"},
            new Object[] {"u32", Types.INTEGER, "INT UNSIGNED"},
            new Object[] {"u64", Types.BIGINT, "BIGINT UNSIGNED"},
            new Object[] {"d9", Types.NUMERIC, "numeric", 9, 2},
            new Object[] {"d18", Types.NUMERIC, "numeric", 18, 4},
            new Object[] {"d38", Types.NUMERIC, "numeric", 38, 10},
            new Object[] {"f", Types.REAL, "float4"},
            new Object[] {"db", Types.DOUBLE, "float8"},
            new Object[] {"s", Types.VARCHAR, "text"},
            new Object[] {"j", Types.OTHER, "jsonb"},
            new Object[] {"b", Types.BIT, "bool", 1, 0},
            new Object[] {"dt", Types.DATE, "date"},
            new Object[] {"tm", Types.TIME, "time", 15, 6},
            new Object[] {"tmz", Types.TIME, "timetz", 21, 6},
            new Object[] {"ts", Types.TIMESTAMP, "timestamp", 26, 6},
            new Object[] {"tsz", Types.TIMESTAMP, "timestamptz", 35, 6},
            new Object[] {"ns", Types.TIMESTAMP, "TIMESTAMP", 29, 9},
            new Object[] {"bin", Types.BINARY, "bytea"},
            new Object[] {"u", Types.OTHER, "uuid"});

    private static final Object[] MAX = {(int) Byte.MAX_VALUE, (int) Short.MAX_VALUE, Integer.MAX_VALUE, Long.MAX_VALUE,
        255, 4294967295L, new BigInteger("18446744073709551615"), new BigDecimal("9999999.99"),
        new BigDecimal("99999999999999.9999"), new BigDecimal("9999999999999999999999999999.9999999999"), Float.MAX_VALUE,
        Double.MAX_VALUE, "é😀,\"\n", "{\"a\": [1, 2]}", true, LocalDate.of(9999, 12, 31), LocalTime.of(23, 59, 59, 999_999_000),
        OffsetTime.of(23, 59, 59, 999_999_000, ZoneOffset.ofHours(-5)), LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_000),
        OffsetDateTime.of(2024, 2, 29, 23, 30, 0, 1000, ZoneOffset.ofHoursMinutes(5, 30)),
        LocalDateTime.of(2024, 1, 31, 10, 15, 30, 123_456_789), new byte[] {0, (byte) 0xff, 10}, new UUID(-1, -1)};
    private static final Object[] MIN = {(int) Byte.MIN_VALUE, (int) Short.MIN_VALUE, Integer.MIN_VALUE, Long.MIN_VALUE,
        0, 0L, BigInteger.ZERO, new BigDecimal("-9999999.99"), new BigDecimal("-0.0001"),
        new BigDecimal("-9999999999999999999999999999.9999999999"), -Float.MIN_VALUE, -0.0d, "", "null", false,
        LocalDate.of(1, 1, 1), LocalTime.MIDNIGHT, OffsetTime.of(0, 0, 0, 0, ZoneOffset.UTC),
        LocalDateTime.of(1, 1, 1, 0, 0), OffsetDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_000, ZoneOffset.UTC),
        LocalDateTime.of(1969, 12, 31, 23, 59, 59, 1), new byte[0], new UUID(0, 0)};

    @Test
    void everyKindOfValueReadsBackInDuckDb() throws Exception {
        Object[] nulls = new Object[ALL.size()];
        Path file = write(ALL, FormatOptions.NONE, MAX, MIN, nulls);
        List<Object[]> back = DuckDb.rows(file);
        assertThat(back).hasSize(3);
        for (int row = 0; row < 3; row++) {
            Object[] expected = new Object[][] {MAX, MIN, nulls}[row];
            for (int i = 0; i < ALL.size(); i++) {
                assertThat(Values.same(expected[i], back.get(row)[i]))
                        .as("row %d column %s: wrote %s, read %s", row, ALL.label(i), Values.show(expected[i]),
                                Values.show(back.get(row)[i]))
                        .isTrue();
            }
        }
    }

    @Test
    void schemaStatesEachTypeExactly() throws Exception {
        Map<String, DuckDb.Field> s = DuckDb.schema(write(ALL, FormatOptions.NONE));
        assertThat(s.keySet()).containsExactlyElementsOf(ALL.labels());
        assertThat(s.values()).allMatch(f -> f.repetition().equals("OPTIONAL"));
        assertThat(s.get("i8").duckType()).isEqualTo("TINYINT");
        assertThat(s.get("i16").duckType()).isEqualTo("SMALLINT");
        assertThat(s.get("i32").duckType()).isEqualTo("INTEGER");
        assertThat(s.get("i64").duckType()).isEqualTo("BIGINT");
        assertThat(s.get("u8").duckType()).isEqualTo("UTINYINT");
        assertThat(s.get("u32").duckType()).isEqualTo("UINTEGER");
        assertThat(s.get("u64").duckType()).isEqualTo("UBIGINT");
        assertThat(s.get("d9")).extracting(DuckDb.Field::physical, DuckDb.Field::precision, DuckDb.Field::scale,
                DuckDb.Field::duckType).containsExactly("INT32", 9, 2, "DECIMAL(9,2)");
        assertThat(s.get("d18")).extracting(DuckDb.Field::physical, DuckDb.Field::precision, DuckDb.Field::scale,
                DuckDb.Field::duckType).containsExactly("INT64", 18, 4, "DECIMAL(18,4)");
        assertThat(s.get("d38")).extracting(DuckDb.Field::physical, DuckDb.Field::precision, DuckDb.Field::scale,
                DuckDb.Field::length, DuckDb.Field::duckType).containsExactly("FIXED_LEN_BYTE_ARRAY", 38, 10, 16,
                "DECIMAL(38,10)");
        assertThat(s.get("f").duckType()).isEqualTo("FLOAT");
        assertThat(s.get("db").duckType()).isEqualTo("DOUBLE");
        assertThat(s.get("s").duckType()).isEqualTo("VARCHAR");
        assertThat(s.get("j").logical()).containsIgnoringCase("json");
        assertThat(s.get("b").duckType()).isEqualTo("BOOLEAN");
        assertThat(s.get("dt").duckType()).isEqualTo("DATE");
        assertThat(s.get("tm").logical()).contains("isAdjustedToUTC=0").contains("MICROS");
        assertThat(s.get("tmz").logical()).contains("isAdjustedToUTC=1").contains("MICROS");
        assertThat(s.get("ts").logical()).contains("isAdjustedToUTC=0").contains("MICROS");
        assertThat(s.get("ts").duckType()).isEqualTo("TIMESTAMP");
        assertThat(s.get("tsz").logical()).contains("isAdjustedToUTC=1").contains("MICROS");
        assertThat(s.get("tsz").duckType()).isEqualTo("TIMESTAMP WITH TIME ZONE");
        assertThat(s.get("ns").logical()).contains("isAdjustedToUTC=0").contains("NANOS");
        assertThat(s.get("bin").duckType()).isEqualTo("BLOB");
        assertThat(s.get("u")).extracting(DuckDb.Field::physical, DuckDb.Field::length, DuckDb.Field::duckType)
                .containsExactly("FIXED_LEN_BYTE_ARRAY", 16, "UUID");
    }

    @Test
    void everyCodecWritesAFileDuckDbReads() throws Exception {
        Columns c = columns(new Object[] {"id", Types.BIGINT, "int8"}, new Object[] {"s", Types.VARCHAR, "text"});
        Object[][] rows = new Object[5000][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new Object[] {(long) i, "row " + i % 17};
        }
        for (String codec : List.of("snappy", "zstd", "gzip", "none")) {
            Path file = write(c, FormatOptions.NONE.with("compression", codec), rows);
            assertThat(DuckDb.codecs(file)).as(codec)
                    .containsExactly(codec.equals("none") ? "UNCOMPRESSED" : codec.toUpperCase(java.util.Locale.ROOT));
            List<Object[]> back = DuckDb.rows(file);
            assertThat(back).hasSize(rows.length);
            for (int i = 0; i < rows.length; i++) {
                assertThat(back.get(i)).as(codec).containsExactly(rows[i]);
            }
        }
    }

    @Test
    void rowGroupsAreBoundedBySize() throws Exception {
        Columns c = columns(new Object[] {"id", Types.BIGINT, "int8"}, new Object[] {"s", Types.VARCHAR, "text"});
        Object[][] rows = new Object[200_000][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new Object[] {(long) i, UUID.nameUUIDFromBytes(new byte[] {(byte) i, (byte) (i >> 8), (byte) (i >> 16)}).toString()};
        }
        Path file = write(c, FormatOptions.NONE.with("row-group-mb", "1").with("compression", "none"), rows);
        assertThat(DuckDb.rowGroups(file)).isGreaterThan(3);
        assertThat(DuckDb.rows(file)).hasSize(rows.length);
    }

    @Test
    void emptyResultIsAValidFileWithTheSchema() throws Exception {
        Path file = write(ALL, FormatOptions.NONE);
        assertThat(DuckDb.rows(file)).isEmpty();
        assertThat(DuckDb.schema(file)).hasSize(ALL.size());
    }

    @Test
    void typeWithoutFaithfulParquetTypeIsRefusedBeforeAnyByte() throws Exception {
        for (Object[] spec : List.of(new Object[] {"iv", Types.OTHER, "interval"},
                new Object[] {"n", Types.NUMERIC, "numeric", 0, 0}, new Object[] {"w", Types.DECIMAL, "DECIMAL", 65, 30},
                new Object[] {"m", Types.DOUBLE, "money"}, new Object[] {"bits", Types.BIT, "bit", 8, 0},
                new Object[] {"a", Types.ARRAY, "_int4"})) {
            Columns c = columns(new Object[] {"id", Types.INTEGER, "int4"}, spec);
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            RowWriter w = PARQUET.writer(out, FormatOptions.NONE);
            assertThatThrownBy(() -> w.begin(c)).isInstanceOf(InvalidSpecException.class)
                    .hasMessageContaining("column " + spec[0] + " has type " + spec[2])
                    .hasMessageContaining("strings=true");
            assertThat(out.size()).isZero();
        }
    }

    @Test
    void stringsOptionWritesThoseColumnsAsTheirText() throws Exception {
        Columns c = columns(new Object[] {"id", Types.INTEGER, "int4"}, new Object[] {"iv", Types.OTHER, "interval"},
                new Object[] {"n", Types.NUMERIC, "numeric", 0, 0});
        Path file = write(c, FormatOptions.NONE.with("strings", "true"),
                new Object[] {1, "1 day 02:00:00", new BigDecimal("1E+3")}, new Object[] {2, null, Double.NaN});
        assertThat(DuckDb.rows(file)).containsExactly(new Object[] {1, "1 day 02:00:00", "1000"},
                new Object[] {2, null, "NaN"});
        assertThat(DuckDb.schema(file).get("n").duckType()).isEqualTo("VARCHAR");
    }

    @Test
    void valueTheColumnTypeCannotHoldStopsTheWriteAndLeavesNoFooter() throws Exception {
        Columns c = columns(new Object[] {"id", Types.INTEGER, "int4"}, new Object[] {"d", Types.DATE, "date"});
        Path file = dir.resolve("failed.parquet");
        try (OutputStream out = Files.newOutputStream(file)) {
            RowWriter w = PARQUET.writer(out, FormatOptions.NONE);
            w.begin(c);
            w.write(new Row(c, new Object[] {1, LocalDate.of(2024, 1, 1)}));
            assertThatThrownBy(() -> w.write(new Row(c, new Object[] {2, "infinity"})))
                    .isInstanceOf(UnwritableValueException.class)
                    .hasMessageContaining("row 2, column d (date)")
                    .hasMessageContaining("'infinity'");
            w.close();
        }
        // No footer: no reader takes it for a complete file.
        assertThatThrownBy(() -> DuckDb.rows(file)).isInstanceOf(java.sql.SQLException.class);
    }

    @Test
    void valuesOutsideTheColumnsRangeOrScaleAreRefused() {
        Object[][] cases = {
            {new Object[] {"x", Types.SMALLINT, "int2"}, 40_000},
            {new Object[] {"x", Types.INTEGER, "INT UNSIGNED"}, -1L},
            {new Object[] {"x", Types.NUMERIC, "numeric", 5, 2}, new BigDecimal("1.234")},
            {new Object[] {"x", Types.NUMERIC, "numeric", 5, 2}, new BigDecimal("1234.5")},
            {new Object[] {"x", Types.NUMERIC, "numeric", 5, 2}, Double.NaN},
            {new Object[] {"x", Types.REAL, "float4"}, 0.1d},
            {new Object[] {"x", Types.BIT, "BIT", 1, 0}, 3},
            {new Object[] {"x", Types.TIMESTAMP, "timestamp", 26, 6}, LocalDateTime.of(2024, 1, 1, 0, 0, 0, 1)},
            {new Object[] {"x", Types.TIMESTAMP, "timestamptz", 35, 6}, "infinity"},
        };
        for (Object[] k : cases) {
            Columns c = columns((Object[]) k[0]);
            assertThatThrownBy(() -> write(c, FormatOptions.NONE, new Object[] {k[1]}))
                    .as("%s", k[1]).isInstanceOf(UnwritableValueException.class)
                    .hasMessageContaining("row 1, column x");
        }
    }

    @Test
    void optionsAreCheckedUpFront() {
        assertThatThrownBy(() -> PARQUET.check(FormatOptions.NONE.with("compression", "lz4")))
                .isInstanceOf(InvalidSpecException.class).hasMessage(
                        "format option compression=lz4 is not known: use snappy, zstd, gzip or none");
        assertThatThrownBy(() -> PARQUET.check(FormatOptions.NONE.with("row-group-mb", "0")))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("row-group-mb=0 is out of range");
        assertThatThrownBy(() -> PARQUET.check(FormatOptions.NONE.with("rowgroup", "1")))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("format parquet has no option rowgroup");
        assertThat(PARQUET.appendable()).isFalse();
        assertThat(PARQUET.suitsStdout()).isFalse();
        assertThat(Formats.forFileName("orders-00001.parquet")).containsSame(PARQUET);
    }

    @Test
    void duplicateLabelsAreRefused() {
        Columns c = columns(new Object[] {"id", Types.INTEGER, "int4"}, new Object[] {"id", Types.INTEGER, "int4"});
        assertThatThrownBy(() -> PARQUET.writer(new java.io.ByteArrayOutputStream(), FormatOptions.NONE).begin(c))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("both named id");
    }
}
