package dev.rowstream.dialect;

import java.sql.ResultSet;
import java.sql.SQLException;

/** Reads one column of the current row as the plain Java value that {@link dev.rowstream.Row} documents. */
@FunctionalInterface
public interface ValueReader {
    Object read(ResultSet rs, int column) throws SQLException;
}
