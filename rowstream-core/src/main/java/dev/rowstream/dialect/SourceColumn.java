package dev.rowstream.dialect;

/**
 * A column of a table as the database's metadata describes it: what a dialect's copy types map.
 *
 * @param typeName   the type's name in the column metadata ({@code numeric}, {@code DATETIME}...)
 * @param size       COLUMN_SIZE: a length or a precision (0 when unknown)
 * @param digits     DECIMAL_DIGITS, or -1 when the driver gives none
 * @param remarks    the column's comment, or null
 * @param resultType the type's name in a result's metadata
 * @param precision  the result's precision (0 when unknown)
 * @param scale      the result's scale
 */
public record SourceColumn(String name, int jdbcType, String typeName, int size, int digits, boolean nullable,
                           String remarks, String resultType, int precision, int scale) {
}
