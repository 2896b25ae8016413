package dev.rowstream;

import java.math.BigDecimal;
import java.math.BigInteger;

/** The conversions {@link RowValues} allows: only those that lose nothing. */
final class Values {
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
            String held = value.getClass().getSimpleName();
            boolean tooBig = isIntegral(value.getClass()) && (type == Long.class || type == Integer.class);
            throw new ValueAccessException("column " + describe(row, column) + " holds a "
                    + (tooBig ? held + " that does not fit in " : "value of type " + held + ", not ")
                    + type.getSimpleName() + ": ask for " + held + ", or use get(...)");
        }
        return (T) converted;
    }

    private static boolean isIntegral(Class<?> c) {
        return c == Integer.class || c == Long.class || c == BigInteger.class;
    }

    /** An integral value as another integral or a decimal type, or null when it is not integral or does not fit. */
    private static Object integral(Object value, Class<?> type) {
        if (value instanceof Integer || value instanceof Long) {
            return fromLong(((Number) value).longValue(), type);
        }
        if (!(value instanceof BigInteger)) {
            return null;
        }
        BigInteger big = (BigInteger) value;
        if (type == BigDecimal.class) {
            return new BigDecimal(big);
        }
        return big.bitLength() < Long.SIZE ? fromLong(big.longValue(), type) : null;
    }

    private static Object fromLong(long v, Class<?> type) {
        if (type == Long.class) {
            return v;
        }
        if (type == Integer.class) {
            return v == (int) v ? (Object) (int) v : null;
        }
        if (type == BigInteger.class) {
            return BigInteger.valueOf(v);
        }
        return type == BigDecimal.class ? BigDecimal.valueOf(v) : null;
    }

    private static Class<?> wrapper(Class<?> primitive) {
        return java.lang.invoke.MethodType.methodType(primitive).wrap().returnType();
    }

    /** {@code 'label' (column n)}. */
    static String describe(RowValues row, int column) {
        return "'" + row.columns().label(column - 1) + "' (column " + column + ")";
    }
}
