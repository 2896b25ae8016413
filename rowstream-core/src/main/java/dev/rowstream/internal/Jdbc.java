package dev.rowstream.internal;

import dev.rowstream.dialect.Dialect;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** JDBC chores shared by the readers. */
final class Jdbc {
    private Jdbc() {
    }

    static void bind(Dialect dialect, PreparedStatement ps, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            dialect.bind(ps, i + 1, params.get(i));
        }
    }

    /** Closes, keeping the first failure as the primary and adding later ones as suppressed. */
    static Throwable close(AutoCloseable resource, Throwable pending) {
        if (resource == null) {
            return pending;
        }
        try {
            resource.close();
        } catch (Exception e) {
            if (pending == null) {
                return e;
            }
            pending.addSuppressed(e);
        }
        return pending;
    }
}
