package dev.rowstream;

/**
 * The current row of a stream's result, read in place: what a {@link RowViewMapper} gets. Nothing is copied
 * until a getter asks, and only the column asked for is read.
 *
 * <p>Each getter reads the column through the same reader that fills a {@link Row}, so it returns exactly the
 * value a {@code Row} would hold: read as the database's own fields or text where the driver's plain read
 * would lose digits or move a time through the JVM's zone (see {@link Row} and README's value table). That is
 * why a mapper gets this view and not the {@link java.sql.ResultSet}: {@code ResultSet} getters give the
 * driver's conversions (a MariaDB DATETIME through the JVM's zone, a PostgreSQL {@code infinity} date as
 * {@code +999999999-12-31}), and a mapper could move the cursor the stream depends on.
 *
 * <p>Valid only inside {@link RowViewMapper#map}: a getter called after it returns throws
 * {@link IllegalStateException} (the result has moved on). Copy what you need into your own object.
 * A getter called twice reads the column twice.
 */
public interface RowView extends RowValues {
}
