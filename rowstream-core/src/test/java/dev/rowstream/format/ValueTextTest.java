package dev.rowstream.format;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class ValueTextTest {
    static Stream<Arguments> integers() {
        return Stream.of(
                arguments(0, "0"),
                arguments(-42, "-42"),
                arguments(Integer.MIN_VALUE, "-2147483648"),
                arguments(Long.MAX_VALUE, "9223372036854775807"),
                arguments(Long.MIN_VALUE, "-9223372036854775808"),
                arguments((short) -32768, "-32768"),
                arguments((byte) 127, "127"),
                arguments(new BigInteger("123456789012345678901234567890"), "123456789012345678901234567890"),
                arguments(new BigInteger("-1").shiftLeft(100), "-1267650600228229401496703205376"));
    }

    static Stream<Arguments> decimals() {
        return Stream.of(
                arguments(new BigDecimal("0.10"), "0.10"),        // scale is kept
                arguments(new BigDecimal("1E+3"), "1000"),        // never an exponent
                arguments(new BigDecimal("-1.5E-10"), "-0.00000000015"),
                arguments(new BigDecimal("0E+3"), "0"),           // zero with a negative scale
                arguments(new BigDecimal("0E-5"), "0.00000"),
                arguments(new BigDecimal("-0.00"), "0.00"),
                arguments(new BigDecimal(BigInteger.valueOf(-25), -2), "-2500"),
                arguments(new BigDecimal("12345678901234567890.123456789"), "12345678901234567890.123456789"));
    }

    static Stream<Arguments> floatingPoint() {
        return Stream.of(
                arguments(0.1, "0.1"),
                arguments(1.0, "1.0"),
                arguments(-2.5, "-2.5"),
                arguments(1e20, "100000000000000000000"),
                arguments(1.5e-7, "0.00000015"),
                arguments(1e-7, "0.00000010"),   // BigDecimal of Double.toString keeps "1.0E-7"'s digits
                arguments(1.0e7, "10000000"),     // "1.0E7": the exponent form loses its ".0"
                arguments(123456.789, "123456.789"),
                arguments(-0.0, "-0.0"),           // a value of its own (PostgreSQL's -0); was 0.0, the sign lost
                arguments(-0.0f, "-0.0"),
                arguments(0.0, "0.0"),
                arguments(Double.MIN_VALUE, "0." + "0".repeat(323) + "49"),
                arguments(Double.NaN, "NaN"),
                arguments(Double.POSITIVE_INFINITY, "Infinity"),
                arguments(Double.NEGATIVE_INFINITY, "-Infinity"),
                arguments(0.1f, "0.1"),          // the float's own digits, not the widened double's
                arguments(1e10f, "10000000000"),
                arguments(-3.25f, "-3.25"),
                arguments(Float.NaN, "NaN"),
                arguments(Float.NEGATIVE_INFINITY, "-Infinity"));
    }

    static Stream<Arguments> dates() {
        return Stream.of(
                arguments(LocalDate.of(2024, 1, 31), "2024-01-31"),
                arguments(LocalDate.of(1969, 12, 31), "1969-12-31"),
                arguments(LocalDate.of(1900, 2, 28), "1900-02-28"),
                arguments(LocalDate.of(2100, 6, 5), "2100-06-05"),
                arguments(LocalDate.of(1, 1, 1), "0001-01-01"),
                arguments(LocalDate.of(10000, 1, 1), "+10000-01-01"),
                arguments(LocalDate.of(-44, 3, 15), "-0044-03-15"));
    }

    static Stream<Arguments> times() {
        return Stream.of(
                arguments(LocalTime.of(10, 15, 30), "10:15:30"),
                arguments(LocalTime.of(10, 15), "10:15:00"),      // seconds always, unlike toString
                arguments(LocalTime.MIDNIGHT, "00:00:00"),
                arguments(LocalTime.of(10, 15, 30, 500_000_000), "10:15:30.5"),
                arguments(LocalTime.of(10, 15, 30, 123_456_000), "10:15:30.123456"),
                arguments(LocalTime.of(10, 15, 30, 1_000), "10:15:30.000001"),
                arguments(LocalTime.of(0, 0, 0, 1), "00:00:00.000000001"),
                arguments(LocalTime.MAX, "23:59:59.999999999"));
    }

    static Stream<Arguments> localDateTimes() {
        return Stream.of(
                arguments(LocalDateTime.of(2024, 1, 31, 10, 15, 30), "2024-01-31T10:15:30"),
                arguments(LocalDateTime.of(2024, 1, 31, 10, 15), "2024-01-31T10:15:00"),
                arguments(LocalDateTime.of(2024, 1, 31, 0, 0), "2024-01-31T00:00:00"),
                arguments(LocalDateTime.of(1969, 7, 20, 20, 17, 40, 500_000_000), "1969-07-20T20:17:40.5"),
                arguments(LocalDateTime.of(1900, 1, 1, 0, 0, 0, 1_000), "1900-01-01T00:00:00.000001"),
                arguments(LocalDateTime.of(2038, 1, 19, 3, 14, 8), "2038-01-19T03:14:08"),
                arguments(LocalDateTime.of(2262, 4, 12, 23, 47, 16, 854_775_807), "2262-04-12T23:47:16.854775807"));
    }

    static Stream<Arguments> zonedTimestamps() {
        return Stream.of(
                arguments(OffsetDateTime.of(2024, 1, 31, 15, 45, 30, 0, ZoneOffset.ofHoursMinutes(5, 30)),
                        "2024-01-31T10:15:30Z"),
                arguments(OffsetDateTime.of(2024, 1, 1, 2, 0, 0, 0, ZoneOffset.ofHoursMinutes(5, 30)),
                        "2023-12-31T20:30:00Z"),                   // the date moves too
                arguments(OffsetDateTime.of(1969, 12, 31, 23, 0, 0, 500_000_000, ZoneOffset.ofHours(-2)),
                        "1970-01-01T01:00:00.5Z"),
                arguments(OffsetDateTime.of(2100, 3, 1, 0, 0, 0, 0, ZoneOffset.UTC), "2100-03-01T00:00:00Z"),
                arguments(ZonedDateTime.of(2024, 7, 1, 12, 0, 0, 0, ZoneId.of("Europe/Paris")),
                        "2024-07-01T10:00:00Z"),
                arguments(Instant.ofEpochSecond(-1), "1969-12-31T23:59:59Z"),
                arguments(Instant.ofEpochSecond(2_147_483_648L, 1_000), "2038-01-19T03:14:08.000001Z"),
                // pgjdbc's 'infinity': no UTC form exists, so it keeps its own offset.
                arguments(OffsetDateTime.MAX, "+999999999-12-31T23:59:59.999999999-18:00"));
    }

    static Stream<Arguments> legacySqlTypes() {
        return Stream.of(
                arguments(java.sql.Timestamp.valueOf("2024-01-31 10:15:00.5"), "2024-01-31T10:15:00.5"),
                arguments(java.sql.Timestamp.valueOf("1950-06-01 00:00:00"), "1950-06-01T00:00:00"),
                arguments(java.sql.Date.valueOf("1960-02-29"), "1960-02-29"),
                arguments(java.sql.Time.valueOf("10:15:00"), "10:15:00"));
    }

    static Stream<Arguments> others() {
        return Stream.of(
                arguments("", ""),
                arguments("text, as is", "text, as is"),
                arguments(true, "true"),
                arguments(false, "false"),
                arguments(new byte[0], ""),
                arguments("f".getBytes(StandardCharsets.US_ASCII), "Zg=="),
                arguments("fo".getBytes(StandardCharsets.US_ASCII), "Zm8="),
                arguments(new byte[] {0, 1, 2, (byte) 0xfb, (byte) 0xff}, "AAEC+/8="),  // standard, not URL-safe
                arguments(UUID.fromString("123E4567-E89B-12D3-A456-426614174000"), "123e4567-e89b-12d3-a456-426614174000"),
                arguments(new StringBuilder("built"), "built"),
                arguments(new Object() {
                    @Override
                    public String toString() { return "driver object"; }
                }, "driver object"));
    }

    @ParameterizedTest
    @MethodSource({"integers", "decimals", "floatingPoint", "dates", "times", "localDateTimes",
            "zonedTimestamps", "legacySqlTypes", "others"})
    void printsEachTypeByTheRule(Object value, String expected) {
        assertThat(ValueText.of(value)).isEqualTo(expected);
    }

    @Test
    void numbersAreJsonNumbersOnlyWhenFinite() {
        for (Object number : new Object[] {1, 2L, (short) 3, (byte) 4, BigInteger.TEN, BigDecimal.ONE, 0.5, 0.5f}) {
            assertThat(ValueText.isJsonNumber(number)).as("%s", number.getClass()).isTrue();
        }
        for (Object other : new Object[] {Double.NaN, Double.POSITIVE_INFINITY, Float.NaN, "1", true,
                LocalDate.of(2024, 1, 1), new byte[] {1}}) {
            assertThat(ValueText.isJsonNumber(other)).as("%s", other).isFalse();
        }
    }
}
