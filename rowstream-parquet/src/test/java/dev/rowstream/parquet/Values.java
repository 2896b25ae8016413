package dev.rowstream.parquet;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;

/** Comparing a value rowstream read from a database with the value DuckDB read back from our file. */
final class Values {
    private Values() {
    }

    /**
     * True when {@code read} is {@code wrote} as Parquet keeps it: numbers equal in value (and decimals in scale),
     * floating point bit for bit, timestamps with a zone the same instant, times with a zone the same UTC time.
     */
    static boolean same(Object wrote, Object read) {
        if (wrote == null || read == null) {
            return wrote == read;
        }
        if (wrote instanceof byte[] && read instanceof byte[]) {
            return Arrays.equals((byte[]) wrote, (byte[]) read);
        }
        if (wrote instanceof BigDecimal && read instanceof BigDecimal) {
            return wrote.equals(read); // the scale too
        }
        if (wrote instanceof Float && read instanceof Float || wrote instanceof Double && read instanceof Double) {
            return wrote.equals(read); // NaN equals NaN, -0.0 differs from 0.0
        }
        if (isWhole(wrote) && isWhole(read)) {
            return new BigInteger(wrote.toString()).equals(new BigInteger(read.toString()));
        }
        if (wrote instanceof OffsetDateTime && read instanceof OffsetDateTime) {
            return ((OffsetDateTime) wrote).toInstant().equals(((OffsetDateTime) read).toInstant());
        }
        if (wrote instanceof OffsetTime && read instanceof OffsetTime) {
            return ((OffsetTime) wrote).withOffsetSameInstant(ZoneOffset.UTC)
                    .equals(((OffsetTime) read).withOffsetSameInstant(ZoneOffset.UTC));
        }
        return wrote.equals(read);
    }

    private static boolean isWhole(Object v) {
        return v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte || v instanceof BigInteger;
    }

    static String show(Object v) {
        if (v == null) {
            return "NULL";
        }
        String text = v instanceof byte[] ? Base64.getEncoder().encodeToString((byte[]) v) : v.toString();
        return v.getClass().getSimpleName() + " " + text;
    }
}
