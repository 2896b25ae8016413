package dev.rowstream.keyset;

/**
 * One key column resolved against the database: the quoted SQL expression, the direction, where NULLs
 * really go (after the database's default was applied), and whether NULLs can occur at all.
 */
public record KeyPart(String expression, boolean descending, boolean nullsLast, boolean nullable) {
}
