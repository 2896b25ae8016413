package dev.rowstream.keyset;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * How one key column is compared, decided by the dialect from the column's real type: the SQL that ORDER
 * BY and the seek both compare, how the last value is read for the next seek, and how it is bound back,
 * so that the database compares the bound value exactly as it sorts the column.
 *
 * <p>The value read for the seek is the key value of a checkpoint too, so a rule reads only the types a
 * checkpoint can hold (text, integers, decimals, doubles, booleans, dates and times, bytes, UUIDs).
 */
public final class KeyRule {

    /** Reads the key value of the current row from result column {@code column}. */
    @FunctionalInterface
    public interface Reader {
        Object read(ResultSet rs, int column) throws SQLException;
    }

    /** Binds a key value read by the rule's {@link Reader} (or a checkpoint's value) as parameter {@code index}. */
    @FunctionalInterface
    public interface Binder {
        void bind(PreparedStatement ps, int index, Object value) throws SQLException;
    }

    private final String type;
    private final String how;
    private final Reader reader;
    private final Binder binder;
    private final UnaryOperator<String> read;
    private final UnaryOperator<String> sort;
    private final String placeholder;
    private final boolean usesValue;

    private KeyRule(String type, String how, Reader reader, Binder binder, UnaryOperator<String> read,
                    UnaryOperator<String> sort, String placeholder, boolean usesValue) {
        this.type = Objects.requireNonNull(type, "type");
        this.how = Objects.requireNonNull(how, "how");
        this.reader = Objects.requireNonNull(reader, "reader");
        this.binder = Objects.requireNonNull(binder, "binder");
        this.read = read;
        this.sort = sort;
        this.placeholder = placeholder;
        this.usesValue = usesValue;
    }

    /**
     * A rule that reads the column with {@code reader} and binds with {@code binder} behind a plain {@code ?}.
     *
     * @param type the column's type as the database names it, for messages
     * @param how  how the comparison is made exact, in a few words (for {@code explain} and errors)
     */
    public static KeyRule of(String type, String how, Reader reader, Binder binder) {
        return new KeyRule(type, how, reader, binder, null, null, "?", false);
    }

    /** This rule, reading the last value from {@code read} applied to the column's SQL (a hidden select expression). */
    public KeyRule readingFrom(UnaryOperator<String> read) {
        return new KeyRule(type, how, reader, binder, read, sort, placeholder, false);
    }

    /** This rule, with the bound value inside {@code placeholder}, e.g. {@code CAST(? AS DECFLOAT)}. */
    public KeyRule bindingAs(String placeholder) {
        if (placeholder.indexOf('?') < 0 || placeholder.indexOf('?') != placeholder.lastIndexOf('?')) {
            throw new IllegalArgumentException("a placeholder holds exactly one ?: " + placeholder);
        }
        return new KeyRule(type, how, reader, binder, read, sort, placeholder, usesValue);
    }

    /** This rule, comparing {@code sort} applied to the column's SQL, in ORDER BY and in the seek alike. */
    public KeyRule sortingBy(UnaryOperator<String> sort) {
        return new KeyRule(type, how, reader, binder, read, sort, placeholder, usesValue);
    }

    /**
     * This rule, taking the row's own value of the column (as the dialect's value reader reads it) as the key
     * value when the column is output anyway, instead of reading it a second time. Only for types whose
     * value the binder sends back exactly (see the value table in README).
     */
    public KeyRule usingTheValue() {
        if (read != null) {
            throw new IllegalStateException("a rule with a read expression reads its own value");
        }
        return new KeyRule(type, how, reader, binder, null, sort, placeholder, true);
    }

    /** The column's type as the database names it. */
    public String type() { return type; }

    /** How the comparison is made exact, e.g. "typed bind" or "compared by member index". */
    public String how() { return how; }

    /** What ORDER BY and the seek compare for a column written as {@code column} in SQL. */
    public String sortExpression(String column) {
        return sort == null ? column : sort.apply(column);
    }

    /** The select expression whose value is read as the key value. */
    public String readExpression(String column) {
        return read == null ? column : read.apply(column);
    }

    /** True when the last value is read from the column itself, so a read column can serve. */
    public boolean readsTheColumn() { return read == null; }

    /** True when the row's own value of an output column is the key value (see {@link #usingTheValue()}). */
    public boolean usesValue() { return usesValue; }

    /** The SQL that stands for one bound value: {@code ?}, or a cast around it. */
    public String placeholder() { return placeholder; }

    public Object read(ResultSet rs, int column) throws SQLException {
        return reader.read(rs, column);
    }

    /**
     * Stands for a key value in a seek that is written as a comparison but bound as NULL: the planner runs
     * such a seek over no rows, to learn before reading whether the database can order and compare the type.
     */
    public static final Object PROBE = new Object() {
        @Override
        public String toString() { return "NULL"; }
    };

    public void bind(PreparedStatement ps, int index, Object value) throws SQLException {
        if (value == null || value == PROBE) {
            ps.setNull(index, java.sql.Types.NULL);
        } else {
            binder.bind(ps, index, value);
        }
    }

    @Override
    public String toString() {
        return type + ": " + how;
    }
}
