package dev.rowstream.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rowstream.Row;
import dev.rowstream.RowStream;
import dev.rowstream.RowStreams;
import dev.rowstream.Strategy;
import dev.rowstream.testing.DbTarget;
import dev.rowstream.testing.LeakCheck;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Every value type, NULLs included, comes out as the documented Java type, the same with every strategy. */
@ParameterizedClass
@EnumSource(DbTarget.class)
@ExtendWith(LeakCheck.class)
class ValueTypesContractTest {
    private static final LocalDateTime LOCAL = LocalDateTime.of(2024, 1, 31, 10, 15, 30, 123_456_000);
    private static final OffsetDateTime ZONED = OffsetDateTime.of(2024, 1, 31, 15, 45, 30, 0, ZoneOffset.ofHoursMinutes(5, 30));
    private static final UUID ID = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
    private static final byte[] BYTES = {0, 1, 2, (byte) 0xff, 10, 13};
    private static final String TEXT = "a,b \"q\"\nline é 😀";

    private final DbTarget target;

    ValueTypesContractTest(DbTarget target) {
        this.target = target;
    }

    /** Column types per database; the order is: id, i, b, d, f, t, e, bo, dt, ts, tz, bin, u. */
    private String ddl(String t) {
        return switch (target) {
            case POSTGRES -> "CREATE TABLE " + t + " (id INT PRIMARY KEY, i INT, b BIGINT, d NUMERIC(12,4),"
                    + " f DOUBLE PRECISION, t TEXT, e TEXT, bo BOOLEAN, dt DATE, ts TIMESTAMP(6), tz TIMESTAMPTZ(6),"
                    + " bin BYTEA, u UUID)";
            case MARIADB, MYSQL_CJ -> "CREATE TABLE " + t + " (id INT PRIMARY KEY, i INT, b BIGINT, d DECIMAL(12,4),"
                    + " f DOUBLE, t TEXT, e TEXT, bo BOOLEAN, dt DATE, ts DATETIME(6), tz DATETIME(6),"
                    + " bin VARBINARY(20), u UUID) CHARACTER SET utf8mb4";
            case H2 -> "CREATE TABLE " + t + " (id INT PRIMARY KEY, i INT, b BIGINT, d DECIMAL(12,4),"
                    + " f DOUBLE PRECISION, t VARCHAR(100), e VARCHAR(100), bo BOOLEAN, dt DATE, ts TIMESTAMP(6),"
                    + " tz TIMESTAMP(6) WITH TIME ZONE, bin VARBINARY(20), u UUID)";
            case SQLITE -> "CREATE TABLE " + t + " (id INTEGER PRIMARY KEY, i INTEGER, b INTEGER, d NUMERIC,"
                    + " f REAL, t TEXT, e TEXT, bo INTEGER, dt TEXT, ts TEXT, tz TEXT, bin BLOB, u TEXT)";
        };
    }

    private String fill() throws SQLException {
        String t = target.table("types");
        target.execute(ddl(t));
        // MySQL Connector/J drops fractional seconds when it writes to MariaDB (it takes the server's
        // "5.5.5-" version prefix for a MySQL older than 5.6.4), so that target's rows are written
        // through MariaDB Connector/J, into the same scratch database. Reading is what is tested here.
        DbTarget writer = target == DbTarget.MYSQL_CJ ? DbTarget.MARIADB : target;
        try (Connection c = writer.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO " + t + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
            Object[] full = {1, Integer.MIN_VALUE, Long.MAX_VALUE, new BigDecimal("0.1000"), 1.5e20, TEXT, "", true,
                LocalDate.of(1969, 12, 31), LOCAL, target == DbTarget.POSTGRES || target == DbTarget.H2 ? ZONED : LOCAL,
                BYTES, target == DbTarget.SQLITE ? ID.toString() : ID};
            Object[] nulls = new Object[full.length];
            nulls[0] = 2;
            for (Object[] row : new Object[][] {full, nulls}) {
                for (int i = 0; i < row.length; i++) {
                    Object v = row[i];
                    if (target == DbTarget.MARIADB || target == DbTarget.MYSQL_CJ) {
                        v = v instanceof UUID ? v.toString() : v;
                    }
                    ps.setObject(i + 1, v);
                }
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return t;
    }

    @Test
    void valuesAreReadAsDocumentedTypes() throws SQLException {
        String t = fill();
        List<Row> reference = null;
        for (Strategy s : new Strategy[] {Strategy.CURSOR, Strategy.KEYSET, Strategy.OFFSET}) {
            List<Row> rows = new ArrayList<>();
            try (RowStream<Row> stream = RowStreams.from(target.dataSource()).table(t).key("id").strategy(s)
                    .batchSize(1).open()) {
                stream.forEach(rows::add);
            }
            assertThat(rows).hasSize(2);
            if (reference == null) {
                reference = rows;
            }
            assertThat(rows).as("%s", s).isEqualTo(reference);
        }
        Row full = reference.get(0);
        Row nulls = reference.get(1);
        for (int i = 1; i < nulls.size(); i++) {
            assertThat(nulls.get(i)).as("column %s", nulls.columns().label(i)).isNull();
        }
        assertThat(full.get("i")).isEqualTo(Integer.MIN_VALUE);
        assertThat(((Number) full.get("b")).longValue()).isEqualTo(Long.MAX_VALUE);
        assertThat(full.get("t")).isEqualTo(TEXT);
        assertThat(full.get("e")).isEqualTo("");
        assertThat(full.get("bin")).isEqualTo(BYTES);
        if (target == DbTarget.SQLITE) {
            return; // SQLite keeps each value's storage class; the rest is covered by the other targets.
        }
        assertThat(full.get("d")).isEqualTo(new BigDecimal("0.1000"));
        assertThat(full.get("f")).isEqualTo(1.5e20);
        assertThat(full.get("bo")).isEqualTo(true);
        assertThat(full.get("dt")).isEqualTo(LocalDate.of(1969, 12, 31));
        assertThat(full.get("ts")).isEqualTo(LOCAL);
        if (target == DbTarget.POSTGRES || target == DbTarget.H2) {
            assertThat(full.get("tz")).isInstanceOf(OffsetDateTime.class);
            assertThat(((OffsetDateTime) full.get("tz")).toInstant()).isEqualTo(ZONED.toInstant());
        }
        if (target == DbTarget.MYSQL_CJ) {
            // MySQL Connector/J does not know MariaDB's UUID type and reports it as text.
            assertThat(full.get("u")).isEqualTo(ID.toString());
        } else {
            assertThat(full.get("u")).isEqualTo(ID);
        }
    }
}
