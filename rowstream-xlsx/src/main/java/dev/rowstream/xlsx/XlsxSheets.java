package dev.rowstream.xlsx;

import dev.rowstream.Columns;
import java.sql.Types;

/** Sheet names and column widths. */
final class XlsxSheets {
    /** Excel's limit on a sheet name. */
    private static final int MAX_NAME = 31;

    private XlsxSheets() {
    }

    /** {@code name} as Excel accepts it: without {@code []:*?/\}, not quoted, at most 31 characters. */
    static String validName(String name) {
        String n = name.replaceAll("[\\[\\]:*?/\\\\]", "_").replaceAll("^'+|'+$", "").trim();
        return n.isEmpty() ? XlsxFormat.DEFAULT_SHEET : n;
    }

    /** The n-th sheet's name: {@code orders}, then {@code orders (2)}, each within 31 characters. */
    static String nth(String base, int n) {
        String suffix = n == 1 ? "" : " (" + n + ")";
        String head = base.length() + suffix.length() > MAX_NAME ? base.substring(0, MAX_NAME - suffix.length()) : base;
        return head + suffix;
    }

    /** A width in characters that shows the label and a typical value of the column. */
    static int width(Columns columns, int i) {
        int byType = switch (columns.jdbcType(i)) {
            case Types.DATE -> 12;
            case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> 24;
            case Types.TIME, Types.TIME_WITH_TIMEZONE -> 14;
            case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NVARCHAR, Types.CLOB -> 30;
            default -> 12;
        };
        return Math.min(60, Math.max(byType, columns.label(i).length() + 4)); // + room for the filter's button
    }
}
