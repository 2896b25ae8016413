package dev.rowstream.keyset;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/** A key value in a seek's parameters, bound by its column's {@link KeyRule}. */
public record SeekParam(Object value, KeyRule rule) {

    public void bind(PreparedStatement ps, int index) throws SQLException {
        rule.bind(ps, index, value);
    }

    @Override
    public String toString() {
        return String.valueOf(value instanceof byte[] b ? java.util.HexFormat.of().formatHex(b) : value);
    }
}
