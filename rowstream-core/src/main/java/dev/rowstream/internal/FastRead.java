package dev.rowstream.internal;

import dev.rowstream.Strategy;
import dev.rowstream.dialect.SqlSyntax;
import dev.rowstream.dialect.RowCopy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fast path of one read (issue 10): its KEYSET batches and HYBRID segments run as the same SQL, with the
 * same LIMIT n+1, through the dialect's {@link RowCopy} instead of a result set. Only how a piece's rows
 * arrive changes; the {@link Seeker} sees the same rows, so the seeks, the look-ahead checks, checkpoints and
 * retries are those of the ordinary path.
 *
 * <p>Decided once per read, when it opens, from the columns the database describes for the read's query: a
 * column of a type the dialect cannot decode exactly turns it off for the whole read (said at INFO), so that a
 * read never mixes two decoders. A piece whose parameters have no literal (COPY takes none) runs the ordinary
 * way; its rows are the same values either way.
 */
final class FastRead {
    private static final Logger LOG = LoggerFactory.getLogger(FastRead.class);

    private final RowCopy copy;
    private final Set<SqlSyntax.Lex> lex;
    private final String[] types;
    private final RowReader reader;

    private FastRead(RowCopy copy, Set<SqlSyntax.Lex> lex, String[] types, RowReader reader) {
        this.copy = copy;
        this.lex = lex;
        this.types = types;
        this.reader = reader;
    }

    /**
     * The fast path of {@code plan}'s read, asked on {@code c} (the planning connection); null when off, after
     * telling {@code off} why.
     */
    static FastRead of(Connection c, Plan plan, ReadSpec spec, Consumer<String> off) throws SQLException {
        RowCopy copy = plan.dialect().rowCopy();
        if (!spec.fastPath()) {
            off.accept("turned off by fastPath(false)");
            return null;
        }
        if (copy == null) {
            off.accept("none for " + plan.dialect().name());
            return null;
        }
        if (!plan.hasKey() || (plan.strategy() != Strategy.KEYSET && plan.strategy() != Strategy.HYBRID)) {
            off.accept("only keyset batches and hybrid segments have one, not a "
                    + plan.strategy().name().toLowerCase(java.util.Locale.ROOT) + " read");
            return null;
        }
        String unavailable = copy.unavailable(c);
        if (unavailable != null) {
            LOG.info("fast path off: {}", unavailable);
            off.accept(unavailable);
            return null;
        }
        try (PreparedStatement ps = c.prepareStatement(plan.fullQuery())) {
            Jdbc.bind(plan.dialect(), ps, plan.params());
            ResultSetMetaData md = ps.getMetaData();
            String why = md == null ? "the driver describes no columns" : unsupported(copy, plan, md);
            if (why != null) {
                LOG.info("fast path off: {}", why);
                off.accept(why);
                return null;
            }
            String[] types = new String[md.getColumnCount()];
            for (int i = 0; i < types.length; i++) {
                types[i] = md.getColumnTypeName(i + 1);
            }
            return new FastRead(copy, plan.dialect().lexicon(c), types, RowReader.of(plan, md));
        }
    }

    /**
     * Why the rows cannot be decoded into what {@link RowReader} reads: a type the dialect does not decode, a
     * column read through an exact-read expression (its reader is its own), or key values read in another
     * place or by another rule than the text one (the decoded value of a text column is its getString).
     */
    private static String unsupported(RowCopy copy, Plan plan, ResultSetMetaData md) throws SQLException {
        for (Plan.ExactColumn exact : plan.exact()) {
            if (exact != null) {
                return "column " + exact.label() + " has type " + exact.typeName();
            }
        }
        String why = copy.unsupported(md);
        if (why != null) {
            return why;
        }
        if (md.getColumnCount() != plan.rowWidth()) {
            return "the query has " + md.getColumnCount() + " columns where rows have " + plan.rowWidth();
        }
        for (int k = 0; k < plan.keyColumns().length; k++) {
            int column = plan.keyColumns()[k];
            if (column >= 0 && (column != plan.keyIndexes()[k] || !"text".equals(md.getColumnTypeName(column + 1)))) {
                return "key column " + plan.key().columns().get(k).name() + " is read as "
                        + md.getColumnTypeName(column + 1);
            }
        }
        return null;
    }

    RowReader reader() { return reader; }

    /** {@code piece} with each ? replaced by its parameter's literal; null when one has none (see {@link #inline}). */
    String query(Plan.Sql piece) {
        return inline(piece.text(), piece.params(), lex, copy);
    }

    /**
     * {@code text} with each ? replaced by the literal {@code copy} gives its parameter; null when one has none.
     * The ?s are found as the driver finds them: outside strings, quoted names and comments. pgjdbc reads ?? as
     * one ?, an operator, and so a piece that holds one runs the ordinary way.
     */
    static String inline(String text, List<Object> params, Set<SqlSyntax.Lex> lex, RowCopy copy) {
        StringBuilder out = new StringBuilder(text.length() + 16 * params.size());
        int copied = 0;
        int p = 0;
        for (SqlText.Token t : SqlText.tokens(text, lex, "the read")) {
            switch (t.kind()) {
                case STRING, NAME, COMMENT, LINE_COMMENT:
                    continue;
                default:
                    break;
            }
            for (int i = t.start(); i < t.end(); i++) {
                if (text.charAt(i) != '?') {
                    continue;
                }
                String literal = p < params.size() && (i + 1 >= text.length() || text.charAt(i + 1) != '?')
                        ? copy.literal(params.get(p)) : null;
                if (literal == null) {
                    return null;
                }
                p++;
                out.append(text, copied, i).append(literal);
                copied = i + 1;
            }
        }
        return p == params.size() ? out.append(text, copied, text.length()).toString() : null;
    }

    /** Starts the copy of {@code query} (from {@link #query}) on {@code c}; null when this connection cannot. */
    RowCopy.Out start(Connection c, String query) throws SQLException {
        return copy.start(c, query, types);
    }
}
