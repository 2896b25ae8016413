package dev.rowstream.parquet;

import java.math.BigInteger;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * DuckDB, an independent Parquet reader (its own C++ implementation), reading our files back: every value as
 * the Java type of the same kind of value in rowstream, and each field's schema as the file's footer states it.
 */
final class DuckDb {
    private DuckDb() {
    }

    static Connection connect() throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement s = c.createStatement()) {
            s.execute("SET TimeZone = 'UTC'");
        }
        return c;
    }

    private static String literal(Path file) {
        return "'" + file.toAbsolutePath().toString().replace("'", "''") + "'";
    }

    /** Every row of the file, in file order, each value read as the kind of value its DuckDB type is. */
    static List<Object[]> rows(Path file) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT * FROM read_parquet(" + literal(file) + ")")) {
            ResultSetMetaData md = rs.getMetaData();
            int n = md.getColumnCount();
            List<Object[]> rows = new ArrayList<>();
            while (rs.next()) {
                Object[] row = new Object[n];
                for (int i = 0; i < n; i++) {
                    row[i] = value(rs, i + 1, md.getColumnTypeName(i + 1));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    private static Object value(ResultSet rs, int i, String type) throws SQLException {
        if (rs.getObject(i) == null) {
            return null;
        }
        String t = type.toUpperCase(Locale.ROOT);
        if (t.startsWith("DECIMAL")) {
            return rs.getBigDecimal(i);
        }
        return switch (t) {
            case "BOOLEAN" -> rs.getBoolean(i);
            case "TINYINT", "SMALLINT", "INTEGER", "UTINYINT", "USMALLINT" -> rs.getInt(i);
            case "BIGINT", "UINTEGER" -> rs.getLong(i);
            case "UBIGINT", "HUGEINT" -> new BigInteger(rs.getString(i));
            case "FLOAT" -> rs.getFloat(i);
            case "DOUBLE" -> rs.getDouble(i);
            case "VARCHAR", "JSON" -> rs.getString(i);
            case "DATE" -> rs.getObject(i, LocalDate.class);
            case "TIME" -> rs.getObject(i, LocalTime.class);
            case "TIME WITH TIME ZONE" -> rs.getObject(i, OffsetTime.class);
            case "TIMESTAMP", "TIMESTAMP_NS" -> rs.getObject(i, LocalDateTime.class);
            case "TIMESTAMP WITH TIME ZONE" -> rs.getObject(i, OffsetDateTime.class);
            case "BLOB" -> rs.getBytes(i);
            case "UUID" -> rs.getObject(i, UUID.class);
            default -> throw new IllegalStateException("no reading for DuckDB type " + type);
        };
    }

    /** Each field's DuckDB type and Parquet schema: name to {type, logical_type, precision, scale, physical}. */
    static Map<String, Field> schema(Path file) throws SQLException {
        Map<String, Field> fields = new LinkedHashMap<>();
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT name, type, logical_type, precision, scale, type_length,"
                     + " repetition_type FROM parquet_schema(" + literal(file) + ") WHERE num_children IS NULL")) {
            while (rs.next()) {
                fields.put(rs.getString(1), new Field(rs.getString(2), String.valueOf(rs.getString(3)),
                        rs.getObject(4) == null ? -1 : rs.getInt(4), rs.getObject(5) == null ? -1 : rs.getInt(5),
                        rs.getObject(6) == null ? -1 : rs.getInt(6), rs.getString(7)));
            }
        }
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("DESCRIBE SELECT * FROM read_parquet(" + literal(file) + ")")) {
            while (rs.next()) {
                fields.computeIfPresent(rs.getString(1), (k, f) -> f.withDuckType(uncatch(rs)));
            }
        }
        return fields;
    }

    private static String uncatch(ResultSet rs) {
        try {
            return rs.getString(2);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The codecs of the file's column chunks. */
    static List<String> codecs(Path file) throws SQLException {
        List<String> codecs = new ArrayList<>();
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT DISTINCT compression FROM parquet_metadata(" + literal(file) + ")")) {
            while (rs.next()) {
                codecs.add(rs.getString(1));
            }
        }
        return codecs;
    }

    /** The number of row groups in the file. */
    static long rowGroups(Path file) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(DISTINCT row_group_id) FROM parquet_metadata(" + literal(file) + ")")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * One leaf field.
     *
     * @param physical  the Parquet physical type (INT32, INT64, FIXED_LEN_BYTE_ARRAY ...)
     * @param logical   the logical type as DuckDB prints the footer's annotation
     * @param duckType  the type DuckDB reads the column as
     */
    record Field(String physical, String logical, int precision, int scale, int length, String repetition,
                 String duckType) {
        Field(String physical, String logical, int precision, int scale, int length, String repetition) {
            this(physical, logical, precision, scale, length, repetition, null);
        }

        Field withDuckType(String t) {
            return new Field(physical, logical, precision, scale, length, repetition, t);
        }
    }
}
