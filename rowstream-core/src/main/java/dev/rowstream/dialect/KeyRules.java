package dev.rowstream.dialect;

import dev.rowstream.keyset.KeyRule;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

/** Readers and binders the dialects' key rules share. */
final class KeyRules {
    private KeyRules() {
    }

    static final KeyRule.Reader INT = (rs, i) -> {
        int v = rs.getInt(i);
        return rs.wasNull() ? null : v;
    };

    static final KeyRule.Reader LONG = (rs, i) -> {
        long v = rs.getLong(i);
        return rs.wasNull() ? null : v;
    };

    static final KeyRule.Reader DOUBLE = (rs, i) -> {
        double v = rs.getDouble(i);
        return rs.wasNull() ? null : v;
    };

    static final KeyRule.Reader FLOAT = (rs, i) -> {
        float v = rs.getFloat(i);
        return rs.wasNull() ? null : v;
    };

    static final KeyRule.Reader TEXT = ResultSet::getString;

    static final KeyRule.Reader BYTES = ResultSet::getBytes;

    static final KeyRule.Reader DECIMAL = ResultSet::getBigDecimal;

    /** An unsigned integer that may exceed a long: Long when it fits (the common case), else BigInteger. */
    static final KeyRule.Reader UNSIGNED = (rs, i) -> {
        BigDecimal d = rs.getBigDecimal(i);
        if (d == null) {
            return null;
        }
        BigInteger v = d.toBigIntegerExact();
        return v.bitLength() < 64 ? (Object) v.longValue() : v;
    };

    static final KeyRule.Binder OBJECT = PreparedStatement::setObject;

    static final KeyRule.Binder BYTES_BINDER = (ps, i, v) -> ps.setBytes(i, (byte[]) v);

    /** Numbers as exact decimals: a BigInteger above 2^63 would otherwise wrap with some drivers. */
    static final KeyRule.Binder DECIMAL_BINDER = (ps, i, v) -> {
        if (v instanceof BigDecimal d) {
            ps.setBigDecimal(i, d);
        } else if (v instanceof BigInteger b) {
            ps.setBigDecimal(i, new BigDecimal(b));
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            ps.setLong(i, ((Number) v).longValue());
        } else {
            ps.setObject(i, v);
        }
    };

    static final KeyRule.Binder DOUBLE_BINDER = (ps, i, v) -> ps.setDouble(i, ((Number) v).doubleValue());

    /** The value as text the database converts to the column's type; dates and times in SQL's own spelling. */
    static final KeyRule.Binder TEXT_BINDER = (ps, i, v) -> ps.setString(i, sqlText(v));

    /** SQL's spelling of a value: {@code 2024-01-31 10:15:30.5} rather than Java's {@code 2024-01-31T10:15:30.500}. */
    static String sqlText(Object v) {
        if (v instanceof LocalDateTime t) {
            return t.toLocalDate() + " " + t.toLocalTime();
        }
        if (v instanceof LocalDate || v instanceof LocalTime) {
            return v.toString();
        }
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (v instanceof byte[]) {
            throw new IllegalArgumentException("bytes have no text form here");
        }
        return v.toString();
    }

    static boolean isInteger(int jdbcType) {
        return switch (jdbcType) {
            case java.sql.Types.TINYINT, java.sql.Types.SMALLINT, java.sql.Types.INTEGER, java.sql.Types.BIGINT -> true;
            default -> false;
        };
    }

    static boolean isBinary(int jdbcType) {
        return switch (jdbcType) {
            case java.sql.Types.BINARY, java.sql.Types.VARBINARY, java.sql.Types.LONGVARBINARY, java.sql.Types.BLOB -> true;
            default -> false;
        };
    }
}
