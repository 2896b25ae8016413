package dev.rowstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The typed getters of a Row: what they convert (only what loses nothing), what they refuse, and how. */
class RowValuesTest {
    private static final LocalDate DATE = LocalDate.of(2024, 2, 29);
    private static final LocalDateTime TIME = LocalDateTime.of(2024, 2, 29, 10, 15, 30);
    private static final OffsetDateTime ZONED = OffsetDateTime.of(TIME, ZoneOffset.ofHours(2));

    private static Row row(Object... values) {
        String[] labels = {"i", "l", "big", "huge", "dec", "s", "b", "d", "ts", "tz", "bin", "n", "inf"};
        int[] types = new int[labels.length];
        String[] names = new String[labels.length];
        java.util.Arrays.fill(types, Types.OTHER);
        java.util.Arrays.fill(names, "any");
        return new Row(new Columns(labels, types, names), values);
    }

    private static final Row ROW = row(42, 1L << 40, BigInteger.valueOf(7), new BigInteger("18446744073709551615"),
            new BigDecimal("0.10"), "text", true, DATE, TIME, ZONED, new byte[] {1, 2}, null, "infinity");

    @Test
    void gettersByLabelAndByOneBasedColumnGiveTheValues() {
        assertThat(ROW.getInt("i")).isEqualTo(42);
        assertThat(ROW.getInt(1)).isEqualTo(42);
        assertThat(ROW.getLong("L")).isEqualTo(1L << 40);
        assertThat(ROW.getLong(2)).isEqualTo(1L << 40);
        assertThat(ROW.getBigDecimal("dec")).isEqualTo(new BigDecimal("0.10")).hasScaleOf(2);
        assertThat(ROW.getString(6)).isEqualTo("text");
        assertThat(ROW.getBoolean("b")).isTrue();
        assertThat(ROW.getLocalDate("d")).isEqualTo(DATE);
        assertThat(ROW.getLocalDateTime(9)).isEqualTo(TIME);
        assertThat(ROW.getOffsetDateTime("tz")).isEqualTo(ZONED);
        assertThat(ROW.getBytes("bin")).containsExactly(1, 2);
        assertThat(ROW.get("tz", OffsetDateTime.class)).isSameAs(ZONED);
        assertThat(ROW.getObject(1)).isSameAs(ROW.get(0));
        assertThat(ROW.columnOf("DEC")).isEqualTo(5);
    }

    @Test
    void integralValuesConvertOnlyWhereTheyFitExactly() {
        assertThat(ROW.getLong("i")).isEqualTo(42L);
        assertThat(ROW.getLong("big")).isEqualTo(7L);
        assertThat(ROW.getInt("big")).isEqualTo(7);
        assertThat(ROW.get("i", BigInteger.class)).isEqualTo(BigInteger.valueOf(42));
        assertThat(ROW.getBigDecimal("l")).isEqualTo(new BigDecimal(1L << 40));
        assertThat(ROW.get("huge", BigDecimal.class)).isEqualTo(new BigDecimal("18446744073709551615"));
        assertThatThrownBy(() -> ROW.getInt("l")).isInstanceOf(ValueAccessException.class)
                .hasMessage("column 'l' (column 2) holds a Long that does not fit in Integer: ask for Long, or use get(...)");
        assertThatThrownBy(() -> ROW.getLong("huge")).isInstanceOf(ValueAccessException.class)
                .hasMessageContaining("'huge' (column 4) holds a BigInteger that does not fit in Long");
        // A decimal is never rounded into an integer, nor parsed from text.
        assertThatThrownBy(() -> ROW.getLong("dec")).isInstanceOf(ValueAccessException.class)
                .hasMessageContaining("holds a value of type BigDecimal, not Long");
        assertThatThrownBy(() -> ROW.getInt("s")).isInstanceOf(ValueAccessException.class)
                .hasMessage("column 's' (column 6) holds a value of type String, not Integer: ask for String,"
                        + " or use get(...)");
    }

    @Test
    void aValueOfAnotherTypeIsRefusedNamingTheColumnAndBothTypes() {
        // PostgreSQL's infinity date is the database's text: never some LocalDate.
        assertThatThrownBy(() -> ROW.getLocalDate("inf")).isInstanceOf(ValueAccessException.class)
                .hasMessage("column 'inf' (column 13) holds a value of type String, not LocalDate: ask for String,"
                        + " or use get(...)");
        assertThatThrownBy(() -> ROW.getString("d")).isInstanceOf(ValueAccessException.class)
                .hasMessageContaining("holds a value of type LocalDate, not String");
        assertThatThrownBy(() -> ROW.getLocalDateTime("tz")).isInstanceOf(ValueAccessException.class)
                .hasMessageContaining("holds a value of type OffsetDateTime, not LocalDateTime");
        assertThatThrownBy(() -> ROW.getBoolean("i")).isInstanceOf(ValueAccessException.class)
                .hasMessageContaining("holds a value of type Integer, not Boolean");
        assertThatThrownBy(() -> ROW.getBytes("s")).isInstanceOf(ValueAccessException.class)
                .hasMessageContaining("not byte[]");
    }

    @Test
    void aNullIsNullForObjectGettersAndAnErrorForPrimitiveOnes() {
        assertThat(ROW.isNull("n")).isTrue();
        assertThat(ROW.isNull(1)).isFalse();
        assertThat(ROW.getString("n")).isNull();
        assertThat(ROW.getBigDecimal(12)).isNull();
        assertThat(ROW.get("n", Long.class)).isNull();
        assertThatThrownBy(() -> ROW.getLong("n")).isInstanceOf(ValueAccessException.class)
                .hasMessage("column 'n' (column 12) is NULL, which the primitive long cannot hold: check isNull(...) first, or"
                        + " ask for Long");
        assertThatThrownBy(() -> ROW.getInt(12)).isInstanceOf(ValueAccessException.class)
                .hasMessageContaining("is NULL, which the primitive int cannot hold");
        assertThatThrownBy(() -> ROW.getBoolean("n")).isInstanceOf(ValueAccessException.class)
                .hasMessageContaining("ask for Boolean");
    }

    @Test
    void anUnknownLabelOrColumnNamesTheColumns() {
        assertThatThrownBy(() -> ROW.getLong("nope")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no column 'nope' in [i, l, big, huge, dec, s, b, d, ts, tz, bin, n, inf]");
        assertThatThrownBy(() -> ROW.getLong(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("no column 0: columns are numbered from 1 to 13, [i, l,");
        assertThatThrownBy(() -> ROW.getObject(14)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("no column 14: columns are numbered from 1 to 13");
    }
}
