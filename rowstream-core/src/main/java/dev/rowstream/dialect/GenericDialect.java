package dev.rowstream.dialect;

/** Any other database: standard SQL, and the driver's own defaults for streaming. */
public class GenericDialect extends Dialect {
    private final String product;

    public GenericDialect(String product) { this.product = product; }

    @Override
    public String name() { return "generic(" + product + ")"; }

    /** Whether an unknown driver streams cannot be known in advance. */
    @Override
    public boolean cursorStreams() { return false; }

    /**
     * The database's own folding is not known: its exact text, else the standard's folding, else the one name that
     * differs only in case.
     */
    @Override
    public java.util.List<String> resolveName(java.sql.Connection c, java.util.List<String> candidates, String name,
                                              boolean quoted, boolean table) throws java.sql.SQLException {
        if (candidates.contains(name)) {
            return java.util.List.of(name);
        }
        java.util.List<String> folded = super.resolveName(c, candidates, name, quoted, table);
        if (!folded.isEmpty() || quoted) {
            return folded;
        }
        java.util.List<String> loose = candidates.stream().filter(name::equalsIgnoreCase).distinct().toList();
        return loose.size() == 1 ? loose : java.util.List.of();
    }
}
