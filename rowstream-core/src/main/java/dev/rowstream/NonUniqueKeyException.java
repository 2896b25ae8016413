package dev.rowstream;

/**
 * Two rows had equal keys at a batch boundary, so seeking past the last key would skip rows.
 * The stream stops instead of losing them.
 */
public class NonUniqueKeyException extends StreamFailedException {
    private static final long serialVersionUID = 1L;

    public NonUniqueKeyException(String message) { super(message); }
}
