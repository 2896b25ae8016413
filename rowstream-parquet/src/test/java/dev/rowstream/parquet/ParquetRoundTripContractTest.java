package dev.rowstream.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rowstream.InvalidSpecException;
import dev.rowstream.Row;
import dev.rowstream.RowStream;
import dev.rowstream.RowStreams;
import dev.rowstream.format.FormatOptions;
import dev.rowstream.format.Formats;
import dev.rowstream.format.RowWriter;
import dev.rowstream.testing.DbTarget;
import dev.rowstream.testing.LeakCheck;
import dev.rowstream.testing.ValueTable;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every value type of each database, read by rowstream, written as Parquet, read back by DuckDB: every value
 * equal to the database's own (as rowstream read it), and every field of the type the column has. Three rows:
 * the largest values, the smallest (or empty) ones, and NULLs.
 */
@ParameterizedClass
@EnumSource(DbTarget.class)
@ExtendWith(LeakCheck.class)
class ParquetRoundTripContractTest {
    private final DbTarget target;

    @TempDir
    Path dir;

    ParquetRoundTripContractTest(DbTarget target) {
        this.target = target;
    }

    private List<Row> read(String table) {
        List<Row> rows = new ArrayList<>();
        try (RowStream<Row> s = RowStreams.from(target.dataSource()).table(table).key("id").open()) {
            s.forEach(rows::add);
        }
        return rows;
    }

    private Path write(List<Row> rows, FormatOptions options) throws Exception {
        Path file = dir.resolve("out.parquet");
        try (OutputStream out = Files.newOutputStream(file);
             RowWriter w = Formats.named("parquet").writer(out, options)) {
            w.begin(rows.get(0).columns());
            for (Row r : rows) {
                w.write(r);
            }
        }
        return file;
    }

    @Test
    void everyValueTypeRoundTripsThroughDuckDb() throws Exception {
        List<ValueTable.Col> cols = ValueTable.columns(target);
        String t = ValueTable.fill(target, cols);
        List<Row> rows = read(t);
        assertThat(rows).hasSize(3);
        Path file = write(rows, FormatOptions.NONE);

        Map<String, String> expectedTypes = new LinkedHashMap<>();
        expectedTypes.put("id", target == DbTarget.SQLITE ? "BIGINT" : "INTEGER");
        cols.forEach(c -> expectedTypes.put(c.name(), c.parquet()));
        Map<String, String> types = new LinkedHashMap<>();
        DuckDb.schema(file).forEach((name, f) -> types.put(name.toLowerCase(java.util.Locale.ROOT), f.duckType()));
        assertThat(types).as("DuckDB's types of the fields").containsExactlyEntriesOf(expectedTypes);

        List<Object[]> back = DuckDb.rows(file);
        assertThat(back).hasSize(rows.size());
        for (int r = 0; r < rows.size(); r++) {
            for (int i = 0; i < rows.get(r).size(); i++) {
                Object wrote = rows.get(r).get(i);
                if (target == DbTarget.SQLITE && rows.get(r).columns().label(i).equals("bo") && wrote != null) {
                    wrote = Integer.valueOf(1).equals(wrote); // SQLite keeps a boolean as 0 or 1
                }
                Object read = back.get(r)[i];
                assertThat(Values.same(wrote, read)).as("row %d column %s: the database has %s, DuckDB read %s", r + 1,
                        rows.get(r).columns().label(i), Values.show(wrote), Values.show(read)).isTrue();
            }
        }
        if (target != DbTarget.SQLITE) {
            assertThat(back.get(2)).as("the NULL row").containsOnly(3, null);
        }
        target.dropTable(t);
    }

    @Test
    void decimalSchemaKeepsPrecisionAndScale() throws Exception {
        if (target == DbTarget.SQLITE) {
            return; // SQLite has no decimal type: see noFaithfulTypeIsRefusedBeforeTheFile
        }
        String t = target.table("pqd");
        target.execute("CREATE TABLE " + t + " (id INTEGER PRIMARY KEY, a DECIMAL(5,3), b DECIMAL(18,0), c DECIMAL(19,19))",
                "INSERT INTO " + t + " VALUES (1, 12.345, 1, 0.1234567890123456789)");
        Map<String, DuckDb.Field> s = new LinkedHashMap<>();
        DuckDb.schema(write(read(t), FormatOptions.NONE)).forEach((k, v) -> s.put(k.toLowerCase(java.util.Locale.ROOT), v));
        assertThat(s.get("a")).extracting(DuckDb.Field::physical, DuckDb.Field::precision, DuckDb.Field::scale)
                .containsExactly("INT32", 5, 3);
        assertThat(s.get("b")).extracting(DuckDb.Field::physical, DuckDb.Field::precision, DuckDb.Field::scale)
                .containsExactly("INT64", 18, 0);
        assertThat(s.get("c")).extracting(DuckDb.Field::physical, DuckDb.Field::precision, DuckDb.Field::scale)
                .containsExactly("FIXED_LEN_BYTE_ARRAY", 19, 19);
        target.dropTable(t);
    }

    /** A type each database has that Parquet has no faithful type for. */
    private String unfaithful() {
        return switch (target) {
            case POSTGRES -> "INTERVAL";
            case MARIADB, MYSQL_CJ -> "BIT(8)";
            case H2 -> "INTERVAL DAY TO SECOND";
            case SQLITE -> "NUMERIC";
        };
    }

    @Test
    void noFaithfulTypeIsRefusedBeforeTheFileOrWrittenAsTextWhenAsked() throws Exception {
        String t = target.table("pqx");
        String literal = switch (target) {
            case POSTGRES -> "INTERVAL '1 day 02:00:00'";
            case MARIADB, MYSQL_CJ -> "b'00000101'";
            case H2 -> "INTERVAL '1 02:00:00' DAY TO SECOND";
            case SQLITE -> "'1.50'";
        };
        target.execute("CREATE TABLE " + t + " (id INTEGER PRIMARY KEY, x " + unfaithful() + ")",
                "INSERT INTO " + t + " VALUES (1, " + literal + ")");
        List<Row> rows = read(t);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        RowWriter w = Formats.named("parquet").writer(out, FormatOptions.NONE);
        assertThatThrownBy(() -> w.begin(rows.get(0).columns())).isInstanceOf(InvalidSpecException.class)
                .satisfies(e -> assertThat(e.getMessage()).containsIgnoringCase("column x has type " + unfaithful().replaceAll("\\(.*", ""))
                        .contains("strings=true"));
        assertThat(out.size()).isZero();

        Path file = write(rows, FormatOptions.NONE.with("strings", "true"));
        List<Object[]> back = DuckDb.rows(file);
        assertThat(back).hasSize(1);
        assertThat(back.get(0)[1]).isEqualTo(dev.rowstream.format.PlainText.of(rows.get(0).get(1)));
        target.dropTable(t);
    }
}
