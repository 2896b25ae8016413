package dev.rowstream;

import dev.rowstream.internal.Plan;
import java.util.ArrayList;
import java.util.List;

/** A read checked against the database, described but not run. */
public final class ReadPlan {
    private final Plan plan;
    private final long segmentRows;

    ReadPlan(Plan plan, long segmentRows) {
        this.plan = plan;
        this.segmentRows = segmentRows;
    }

    /** The dialect's name, such as {@code postgresql}. */
    public String database() { return plan.dialect().name(); }

    /** The strategy that will be used (AUTO resolved). */
    public Strategy strategy() { return plan.strategy(); }

    /** The key as it will be used, with any tiebreaker appended, or null. */
    public String key() { return plan.key() == null ? null : plan.key().toString(); }

    /**
     * The key as this database's CREATE INDEX takes it, for an index that serves the read (without NULLS
     * FIRST/LAST where the syntax has none), or null.
     */
    public String indexKey() {
        String key = key();
        return key == null || plan.dialect().nullsClauseInIndex() ? key : key.replaceAll(" NULLS (FIRST|LAST)", "");
    }

    /** The statement timeout of every query of the read (see {@link ReadBuilder#statementTimeout}), or null. */
    public java.time.Duration statementTimeout() { return plan.budgets().statementTimeout(); }

    /** The longest a transaction of the read may stay open, in seconds, or 0 for no limit. */
    public long maxTransactionSeconds() { return plan.budgets().maxTransactionSeconds(); }

    /**
     * How each key column is compared so that the seek agrees with ORDER BY, one entry per column, such as
     * {@code status (ENUM or SET): compared by member index or bits}; empty without a key.
     */
    public List<String> keyComparisons() {
        List<String> how = new ArrayList<>();
        if (plan.hasKey()) {
            for (int i = 0; i < plan.keyParts().size(); i++) {
                dev.rowstream.keyset.KeyRule rule = plan.keyParts().get(i).rule();
                how.add(plan.key().columns().get(i).name() + " (" + rule.type() + "): " + rule.how());
            }
        }
        return how;
    }

    /** True when the schema proves the key unique; false means ties are checked while reading. */
    public boolean keyProvenUnique() { return plan.keyUnique(); }

    /**
     * The SQL of the first batch or segment (or the whole query for a cursor). Each batch or segment reads one
     * row more than it hands out, whose key the next must start with.
     */
    public String firstSql() {
        return switch (plan.strategy()) {
            case KEYSET -> plan.keysetBatch(null, plan.batchSize() + 1).text();
            case HYBRID -> plan.segment(null, segmentRows).text();
            case OFFSET -> plan.offsetBatch(0, plan.batchSize() + 1).text();
            default -> plan.fullQuery();
        };
    }

    /** The SQL of a following batch or segment, with ?s where the last key's values go; null for a cursor. */
    public String nextSql() {
        return switch (plan.strategy()) {
            case KEYSET -> plan.keysetBatch(placeholders(), plan.batchSize() + 1).text();
            case HYBRID -> plan.segment(placeholders(), segmentRows).text();
            case OFFSET -> plan.offsetBatch(plan.batchSize(), plan.batchSize() + 1).text();
            default -> null;
        };
    }

    /** Non-null stand-ins for the last key: the SQL shows a ? for each. */
    private Object[] placeholders() {
        List<Object> values = new ArrayList<>();
        plan.keyParts().forEach(p -> values.add("?"));
        return values.toArray();
    }

    @Override
    public String toString() {
        return "strategy " + strategy().name().toLowerCase(java.util.Locale.ROOT) + ", key " + key() + ": " + firstSql();
    }
}
