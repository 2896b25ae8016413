package dev.rowstream.dialect;

import dev.rowstream.InvalidSpecException;
import dev.rowstream.keyset.KeyColumnType;
import dev.rowstream.keyset.KeyRule;
import dev.rowstream.keyset.SeekParam;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.util.Locale;
import java.util.UUID;

/**
 * How values are read from a result as the Java values {@link dev.rowstream.Row} documents, and bound back
 * as parameters: per column type, and per key column so that a seek compares as ORDER BY sorts.
 */
public interface ValueRules {

    /**
     * Binds one parameter; values are those the readers produce (see {@link dev.rowstream.Row}), or a key
     * value of a seek, which its column's {@link KeyRule} binds. A subclass handles the values it must and
     * passes every other one here.
     */
    default void bind(PreparedStatement ps, int index, Object value) throws SQLException {
        if (value instanceof SeekParam p) {
            p.bind(ps, index);
        } else {
            ps.setObject(index, value);
        }
    }

    // ---- keys --------------------------------------------------------------------------------

    /**
     * How a key column of this type is ordered, read and bound back so that the database compares the bound
     * value exactly as ORDER BY sorts the column (see {@link KeyRule}); throws
     * {@link dev.rowstream.InvalidSpecException} (see {@link KeyColumnType#refuse}) for a type it cannot
     * compare exactly. Asked once per key column while planning, before any row is read. By default the
     * driver's own mapping: getObject, and setObject behind a plain {@code ?}.
     */
    default KeyRule keyRule(Connection c, KeyColumnType column) throws SQLException {
        return KeyRule.of(column.typeName(), "the driver's typed bind", ResultSet::getObject,
                PreparedStatement::setObject);
    }

    /**
     * The {@link java.sql.Types} code that describes the values {@link #reader} returns for a result column, as
     * {@link dev.rowstream.Columns#jdbcType} gives it to formats that declare a schema (Parquet): the driver's,
     * unless this database's driver reports something else.
     */
    default int columnType(ResultSetMetaData md, int column) throws SQLException {
        return md.getColumnType(column);
    }

    /**
     * How a column is read when the driver cannot read the column itself exactly: the SELECT-list
     * expression that the database turns into an exact form, and the reader of what that expression
     * returns. See {@link #exactRead}. The planner gives the expression a name of its own, so that an
     * ORDER BY or WHERE on the column still means the column (and its index). {@code jdbcType} is the
     * {@link java.sql.Types} code of the values the reader returns, which {@link dev.rowstream.Columns} reports
     * (the expression's own type, text for a date cast to text, would mislead a format that declares a schema).
     */
    record ExactRead(String expression, int jdbcType, ValueReader reader) {
    }

    /**
     * The exact read of column {@code quoted} whose type the database names {@code typeName}, for a type
     * whose plain read loses digits or depends on the session (MariaDB FLOAT, PostgreSQL money); null to
     * read the column as it is, with {@link #reader}. The planner puts the expression in the SELECT list.
     */
    default ExactRead exactRead(String quoted, String typeName) {
        return null;
    }

    /**
     * The reader for one column of a result, producing the Java value {@link dev.rowstream.Row} documents;
     * throws {@link InvalidSpecException} for a type that cannot be read faithfully, so that the read
     * stops before its first row.
     */
    default ValueReader reader(ResultSetMetaData md, int column) throws SQLException {
        String typeName = String.valueOf(md.getColumnTypeName(column)).toLowerCase(Locale.ROOT);
        if (typeName.equals("uuid")) {
            return ValueRules::readUuid;
        }
        switch (md.getColumnType(column)) {
            case Types.BIT:
            case Types.BOOLEAN:
                return (rs, i) -> {
                    boolean b = rs.getBoolean(i);
                    return rs.wasNull() ? null : b;
                };
            case Types.TINYINT:
            case Types.SMALLINT:
            case Types.INTEGER:
                return (rs, i) -> {
                    int v = rs.getInt(i);
                    return rs.wasNull() ? null : v;
                };
            case Types.BIGINT:
                if (typeName.contains("unsigned")) {
                    return (rs, i) -> unsignedBigint(rs.getBigDecimal(i));
                }
                return (rs, i) -> {
                    long v = rs.getLong(i);
                    return rs.wasNull() ? null : v;
                };
            case Types.DECIMAL:
            case Types.NUMERIC:
                return ResultSet::getBigDecimal;
            case Types.REAL:
                return (rs, i) -> {
                    float v = rs.getFloat(i);
                    return rs.wasNull() ? null : v;
                };
            case Types.FLOAT:
            case Types.DOUBLE:
                return (rs, i) -> {
                    double v = rs.getDouble(i);
                    return rs.wasNull() ? null : v;
                };
            case Types.DATE:
                return (rs, i) -> rs.getObject(i, LocalDate.class);
            case Types.TIME:
                return (rs, i) -> rs.getObject(i, LocalTime.class);
            case Types.TIMESTAMP:
                return (rs, i) -> rs.getObject(i, LocalDateTime.class);
            case Types.TIMESTAMP_WITH_TIMEZONE:
                return (rs, i) -> rs.getObject(i, OffsetDateTime.class);
            case Types.TIME_WITH_TIMEZONE:
                return (rs, i) -> rs.getObject(i, OffsetTime.class);
            case Types.BINARY:
            case Types.VARBINARY:
            case Types.LONGVARBINARY:
            case Types.BLOB:
                return ResultSet::getBytes;
            case Types.JAVA_OBJECT:
            case Types.DATALINK:
            case Types.REF:
            case Types.REF_CURSOR:
                throw unreadable(md, column, "a serialized Java object or a reference has no text of its own");
            default:
                // Text, and every type whose faithful form is the database's own text of it: intervals,
                // arrays, enums, network addresses, geometry, XML, composite types.
                return ResultSet::getString;
        }
    }

    /**
     * The refusal of a column whose type cannot be read faithfully: names the column, its type, why, and
     * what to do instead.
     */
    static InvalidSpecException unreadable(ResultSetMetaData md, int column, String why) throws SQLException {
        String label = md.getColumnLabel(column);
        return new InvalidSpecException("column " + label + " has type " + md.getColumnTypeName(column)
                + ", which rowstream cannot read faithfully (" + why + "): leave it out with columns(...), or read it"
                + " through query(...) with a cast to a type that holds it, e.g. CAST(" + label + " AS VARCHAR(100))");
    }

    /**
     * A NUMERIC or DECFLOAT column that can hold NaN and the infinities, which BigDecimal cannot: those come
     * as the {@link Double} of the same name, every other value as its exact BigDecimal.
     */
    static Object numericWithSpecials(ResultSet rs, int i) throws SQLException {
        String s = rs.getString(i);
        if (s == null) {
            return null;
        }
        char last = s.charAt(s.length() - 1);
        return Character.isDigit(last) ? new BigDecimal(s) : Double.valueOf(s);
    }

    private static Object unsignedBigint(BigDecimal d) {
        return d == null ? null : d.toBigIntegerExact();
    }

    private static Object readUuid(ResultSet rs, int i) throws SQLException {
        Object o = rs.getObject(i);
        if (o == null || o instanceof UUID) {
            return o;
        }
        return UUID.fromString(o.toString());
    }

    /**
     * {@code url} with what the driver needs to read every value exactly when a read cannot choose how each
     * column is read (a copy's source); unchanged by default.
     */
    default String exactReadUrl(String url) {
        return url;
    }
}
