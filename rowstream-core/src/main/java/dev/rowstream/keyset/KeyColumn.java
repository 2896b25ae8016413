package dev.rowstream.keyset;

/**
 * One column of a key as the user wrote it.
 *
 * @param name       the identifier, without quotes
 * @param quoted     true when written quoted, so its case is exact
 * @param descending DESC was given
 * @param nulls      where NULLs go; {@link Nulls#DEFAULT} means the database's own default
 */
public record KeyColumn(String name, boolean quoted, boolean descending, Nulls nulls) {

    /** The position of NULLs in the order. */
    public enum Nulls { DEFAULT, FIRST, LAST }

    @Override
    public String toString() {
        boolean plain = name.matches("[A-Za-z_][A-Za-z0-9_$]*");
        String id = plain ? name : '"' + name.replace("\"", "\"\"") + '"';
        String s = id + (descending ? " DESC" : " ASC");
        return nulls == Nulls.DEFAULT ? s : s + " NULLS " + nulls;
    }
}
