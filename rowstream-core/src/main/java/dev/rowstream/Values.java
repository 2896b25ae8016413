package dev.rowstream;

import java.math.BigDecimal;
import java.math.BigInteger;

/** The conversions {@link RowValues} allows: only those that lose nothing. */
final class Values {
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private Values() {
    }

    @SuppressWarnings("unchecked")
    static <T> T as(RowValues row, int column, Object value, Class<T> asked) {
        Class<?> type = asked.isPrimitive() ? wrapper(asked) : asked;
        if (value == null) {
            if (asked.isPrimitive()) {
                throw new ValueAccessException("column " + describe(row, column) + " is NULL, which the primitive " + asked
                        + " cannot hold: check isNull(...) first, or ask for " + type.getSimpleName());
            }
            return null;
        }
        if (type.isInstance(value)) {
            return (T) value;
        }
        Object converted = integral(value, type);
        if (converted == null) {
            throw new ValueAccessException("column " + describe(row, column) + " holds a value of type "
                    + value.getClass().getSimpleName() + ", not " + type.getSimpleName()
                    + (value instanceof Number && isIntegral(type) ? " (or not one that fits)" : "")
                    + ": ask for " + value.getClass().getSimpleName() + ", or use get(...)");
        }
        return (T) converted;
    }

    /** An integral value as an integral or decimal type, or null when it does not fit exactly (or is not integral). */
    private static Object integral(Object value, Class<?> type) {
        BigInteger big = value instanceof Integer || value instanceof Long ? BigInteger.valueOf(((Number) value).longValue())
                : value instanceof BigInteger ? (BigInteger) value : null;
        if (big == null) {
            return null;
        }
        if (type == BigDecimal.class) {
            return new BigDecimal(big);
        }
        if (type == BigInteger.class) {
            return big;
        }
        if (big.compareTo(LONG_MIN) < 0 || big.compareTo(LONG_MAX) > 0) {
            return null;
        }
        long v = big.longValue();
        if (type == Long.class) {
            return v;
        }
        if (type == Integer.class && v == (int) v) {
            return (int) v;
        }
        return null;
    }

    private static boolean isIntegral(Class<?> type) {
        return type == Long.class || type == Integer.class;
    }

    private static Class<?> wrapper(Class<?> primitive) {
        if (primitive == long.class) {
            return Long.class;
        }
        if (primitive == int.class) {
            return Integer.class;
        }
        if (primitive == boolean.class) {
            return Boolean.class;
        }
        if (primitive == double.class) {
            return Double.class;
        }
        if (primitive == float.class) {
            return Float.class;
        }
        if (primitive == short.class) {
            return Short.class;
        }
        if (primitive == byte.class) {
            return Byte.class;
        }
        return Character.class;
    }

    /** {@code 'label' (column n)}. */
    static String describe(RowValues row, int column) {
        return "'" + row.columns().label(column - 1) + "' (column " + column + ")";
    }
}
