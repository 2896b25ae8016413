package dev.rowstream;

import java.sql.SQLException;

/** The root of every exception rowstream throws. Unchecked; the cause is always kept. */
public class RowStreamException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RowStreamException(String message) { super(message); }

    public RowStreamException(String message, Throwable cause) { super(message, cause); }

    /** The SQLState of the first {@link SQLException} in the cause chain, or null. */
    public String sqlState() {
        for (Throwable t = getCause(); t != null; t = t.getCause()) {
            if (t instanceof SQLException && ((SQLException) t).getSQLState() != null) {
                return ((SQLException) t).getSQLState();
            }
        }
        return null;
    }
}
