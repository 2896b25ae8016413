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
}
