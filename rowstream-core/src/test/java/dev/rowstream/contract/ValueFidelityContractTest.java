package dev.rowstream.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.rowstream.InvalidSpecException;
import dev.rowstream.Row;
import dev.rowstream.RowStream;
import dev.rowstream.RowStreams;
import dev.rowstream.Strategy;
import dev.rowstream.format.Format;
import dev.rowstream.format.RowWriter;
import dev.rowstream.format.TextFormat;
import dev.rowstream.testing.DbTarget;
import dev.rowstream.testing.LeakCheck;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every value type of each database comes out of CSV and JSON Lines, with every strategy, as the database's
 * own text of it says: for each value the test asks the database for its text ({@code col::text},
 * {@code CAST(col AS CHAR)}...) and turns that into rowstream's documented form with a rule per type (ISO
 * {@code T} and {@code Z} for timestamps, base64 for bytes, plain digits for floats, nothing at all for most
 * types, which come as that very text). NULLs are in every column. Types that cannot be read faithfully are
 * refused before the first row, naming the column.
 */
@ParameterizedClass
@EnumSource(DbTarget.class)
@ExtendWith(LeakCheck.class)
class ValueFidelityContractTest {
    private static final Strategy[] STRATEGIES = {Strategy.CURSOR, Strategy.KEYSET, Strategy.OFFSET, Strategy.HYBRID};

    private final DbTarget target;

    ValueFidelityContractTest(DbTarget target) {
        this.target = target;
    }

    /**
     * One column: its DDL type, its values as SQL literals (a row each; the other columns are NULL there,
     * and one more row is all NULLs), the SQL of the database's own text of it ({@code %s}: the column), and
     * the rule that turns that text into rowstream's.
     */
    record Case(String type, List<String> literals, String dbText, UnaryOperator<String> ours) {
        Case(String type, List<String> literals, String dbText) {
            this(type, literals, dbText, UnaryOperator.identity());
        }
    }

    /** The cases of this target; also read by {@link RowViewContractTest}. */
    List<Case> cases() {
        return switch (target) {
            case POSTGRES -> List.of(
                    new Case("smallint", List.of("32767", "-32768"), "%s::text"),
                    new Case("bigint", List.of("9223372036854775807"), "%s::text"),
                    new Case("numeric", List.of("'NaN'", "'Infinity'", "'-Infinity'", "'0.10'", "1e40"), "%s::text"),
                    new Case("money", List.of("1234.56", "'-92233720368547758.08'"), "%s::numeric::text"),
                    new Case("real", List.of("'-0'", "1.2345678", "'NaN'", "3"), "%s::text", ValueFidelityContractTest::floating),
                    new Case("double precision", List.of("'-0'", "1.5e20", "'-Infinity'", "0.1"), "%s::text",
                            ValueFidelityContractTest::floating),
                    new Case("boolean", List.of("true", "false"), "%s::text"),
                    new Case("bit(4)", List.of("B'1010'", "B'0001'"), "%s::text"),
                    new Case("varbit(10)", List.of("B'101'", "B''"), "%s::text"),
                    new Case("text", List.of("E'a,b \"q\"\\nline \u00e9 \ud83d\ude00'", "''"), "%s::text"),
                    new Case("date", List.of("'2024-01-31'", "'infinity'", "'-infinity'", "'0044-03-15 BC'"), "%s::text",
                            ValueFidelityContractTest::pgDate),
                    new Case("time(6)", List.of("'24:00:00'", "'10:15:30.5'", "'00:00:00'"), "%s::text"),
                    new Case("timetz(6)", List.of("'10:15:30.5+02:30'", "'23:00:00-05'"), "%s::text",
                            s -> s.matches(".*[+-]\\d\\d") ? s + ":00" : s),
                    new Case("timestamp(6)", List.of("'2024-03-31 02:30:00'", "'2024-01-01 10:00:00.5'", "'infinity'",
                            "'-infinity'"), "%s::text", s -> s.replace(' ', 'T')),
                    new Case("timestamptz(6)", List.of("'2024-01-01 10:00:00.5+05:30'", "'infinity'", "'-infinity'"),
                            "(%s AT TIME ZONE 'UTC')::text", s -> s.contains("infinity") ? s : s.replace(' ', 'T') + "Z"),
                    new Case("interval", List.of("'1 year 2 mons -3 days 04:05:06.5'", "'-00:00:01'"), "%s::text"),
                    // inet's cast to text always adds the mask; concat prints the type's own output, as psql shows it.
                    new Case("inet", List.of("'192.168.1.5/24'", "'::1'"), "nullif(concat(%s), '')"),
                    new Case("cidr", List.of("'10.0.0.0/8'"), "%s::text"),
                    new Case("macaddr", List.of("'08:00:2b:01:02:03'"), "%s::text"),
                    new Case("macaddr8", List.of("'08:00:2b:01:02:03:04:05'"), "%s::text"),
                    new Case("int[]", List.of("'{1,NULL,3}'", "'{}'"), "%s::text"),
                    new Case("text[]", List.of("'{\"a b\",NULL,\"\\\\\"}'"), "%s::text"),
                    new Case("json", List.of("'{\"k\": [1, 2.50]}'"), "%s::text"),
                    new Case("jsonb", List.of("'{\"k\": [1, 2.50]}'"), "%s::text"),
                    new Case("int4range", List.of("'[1,5)'", "'empty'"), "%s::text"),
                    new Case("daterange", List.of("'[2024-01-01,2024-02-01)'"), "%s::text"),
                    new Case("point", List.of("'(1.5,2)'"), "%s::text"),
                    new Case("box", List.of("'((0,0),(1,1))'"), "%s::text"),
                    new Case("polygon", List.of("'((0,0),(1,1),(1,0))'"), "%s::text"),
                    new Case("xml", List.of("'<a b=\"1\"/>'"), "%s::text"),
                    new Case("tsvector", List.of("'a fat cat'"), "%s::text"),
                    new Case("uuid", List.of("'123e4567-e89b-12d3-a456-426614174000'"), "%s::text"),
                    new Case("bytea", List.of("'\\x00ff0a'", "''"), "encode(%s, 'hex')", ValueFidelityContractTest::hexToBase64));
            case MARIADB, MYSQL_CJ -> List.of(
                    new Case("INT UNSIGNED", List.of("4294967295", "2147483648"), "CAST(%s AS CHAR)"),
                    new Case("BIGINT UNSIGNED", List.of("18446744073709551615", "9223372036854775808", "1"), "CAST(%s AS CHAR)"),
                    new Case("TINYINT(1)", List.of("5", "1", "0"), "CAST(%s AS CHAR)",
                            s -> s.equals("1") ? "true" : s.equals("0") ? "false" : s),
                    new Case("BIT(8)", List.of("b'10100101'", "b'0'"), "LPAD(BIN(%s), 8, '0')"),
                    new Case("BIT(1)", List.of("b'1'", "b'0'"), "BIN(%s)", s -> s.equals("1") ? "true" : "false"),
                    new Case("YEAR", List.of("2024", "1901", "0"), "CAST(%s AS CHAR)", s -> Integer.toString(Integer.parseInt(s))),
                    new Case("TIME(6)", List.of("'-838:59:59'", "'25:00:00.5'", "'10:15:30.5'", "'00:00:00'"),
                            "CAST(%s AS CHAR)", ValueFidelityContractTest::mariaTime),
                    new Case("DATETIME(6)", List.of("'2024-03-31 02:30:00'", "'0000-00-00 00:00:00'", "'2024-01-01 10:00:00.5'"),
                            "CAST(%s AS CHAR)", ValueFidelityContractTest::mariaDateTime),
                    new Case("TIMESTAMP(6) NULL", List.of("'2024-01-01 10:00:00.25'"), "CAST(%s AS CHAR)",
                            ValueFidelityContractTest::mariaDateTime),
                    new Case("DATE", List.of("'2024-01-31'", "'0000-00-00'", "'2024-00-15'"), "CAST(%s AS CHAR)"),
                    new Case("ENUM('b','a')", List.of("'a'", "'b'"), "CAST(%s AS CHAR)"),
                    new Case("SET('x','y')", List.of("'x,y'", "''"), "CAST(%s AS CHAR)"),
                    new Case("JSON", List.of("'{\"k\": [1, 2.50]}'"), "CAST(%s AS CHAR)"),
                    new Case("INET6", List.of("'::1'", "'2001:db8::ff00:42:8329'"), "CAST(%s AS CHAR)"),
                    new Case("UUID", List.of("'123e4567-e89b-12d3-a456-426614174000'"), "CAST(%s AS CHAR)"),
                    new Case("FLOAT", List.of("1.2345678", "-3.5", "16777217"), "CAST(CAST(%s AS DOUBLE) AS CHAR)",
                            s -> floating(Float.toString((float) Double.parseDouble(s)))),
                    new Case("DOUBLE", List.of("0.1", "1.5e300", "-2"), "CAST(%s AS CHAR)", ValueFidelityContractTest::floating),
                    new Case("DECIMAL(10,3)", List.of("-1.5", "0"), "CAST(%s AS CHAR)"),
                    new Case("VARBINARY(10)", List.of("x'00ff0a'", "''"), "HEX(%s)", ValueFidelityContractTest::hexToBase64),
                    new Case("TEXT", List.of("'a,b \"q\"\\nline \u00e9 \ud83d\ude00'", "''"), "CAST(%s AS CHAR)"));
            case H2 -> List.of(
                    new Case("DECFLOAT", List.of("CAST('NaN' AS DECFLOAT)", "CAST('-Infinity' AS DECFLOAT)", "1.5E-30", "12.50"),
                            "CAST(%s AS VARCHAR)", s -> Character.isDigit(s.charAt(s.length() - 1))
                                    ? new BigDecimal(s).toPlainString() : s),
                    new Case("INTERVAL DAY TO SECOND", List.of("INTERVAL '-1 02:03:04.5' DAY TO SECOND"), "CAST(%s AS VARCHAR)"),
                    new Case("INTERVAL YEAR TO MONTH", List.of("INTERVAL '1-2' YEAR TO MONTH"), "CAST(%s AS VARCHAR)"),
                    new Case("INTEGER ARRAY", List.of("ARRAY[1, NULL, 3]", "ARRAY[]"), "CAST(%s AS VARCHAR)"),
                    new Case("JSON", List.of("JSON '{\"k\":[1,2.50]}'"), "CAST(%s AS VARCHAR)"),
                    new Case("ENUM('b','a')", List.of("'a'"), "CAST(%s AS VARCHAR)"),
                    new Case("TIME(9) WITH TIME ZONE", List.of("TIME WITH TIME ZONE '10:15:30.5+02:30'"), "CAST(%s AS VARCHAR)"),
                    new Case("TIME(9)", List.of("TIME '23:59:59.999999999'"), "CAST(%s AS VARCHAR)"),
                    new Case("TIMESTAMP(9)", List.of("TIMESTAMP '2024-03-31 02:30:00'", "TIMESTAMP '2024-01-01 10:00:00.5'"),
                            "CAST(%s AS VARCHAR)", s -> s.replace(' ', 'T')),
                    new Case("TIMESTAMP(9) WITH TIME ZONE", List.of("TIMESTAMP WITH TIME ZONE '2024-01-01 10:00:00.5+05:30'"),
                            "CAST(%s AS VARCHAR)", ValueFidelityContractTest::utc),
                    new Case("DATE", List.of("DATE '-0044-03-15'", "DATE '2024-01-31'"), "CAST(%s AS VARCHAR)"),
                    new Case("REAL", List.of("1.2345678", "CAST('NaN' AS REAL)"), "CAST(%s AS VARCHAR)",
                            ValueFidelityContractTest::floating),
                    new Case("DOUBLE PRECISION", List.of("1.5E20", "-2"), "CAST(%s AS VARCHAR)", ValueFidelityContractTest::floating),
                    new Case("BOOLEAN", List.of("TRUE", "FALSE"), "LOWER(CAST(%s AS VARCHAR))"),
                    new Case("ROW(a INT, b VARCHAR(3))", List.of("ROW(1, 'a')"), "CAST(%s AS VARCHAR)"),
                    new Case("UUID", List.of("'123e4567-e89b-12d3-a456-426614174000'"), "CAST(%s AS VARCHAR)"),
                    new Case("VARBINARY(10)", List.of("X'00ff0a'"), "RAWTOHEX(%s)", ValueFidelityContractTest::hexToBase64),
                    new Case("VARCHAR(40)", List.of("'a,b \"q\" \u00e9 \ud83d\ude00'", "''"), "CAST(%s AS VARCHAR)"));
            // SQLite: each value keeps its own storage class, whatever the column's declared type.
            case SQLITE -> List.of(
                    new Case("", List.of("1", "1.5", "'text'", "x'00ff'", "9223372036854775807", "1e20"), SQLITE_TEXT,
                            ValueFidelityContractTest::sqlite),
                    new Case("INTEGER", List.of("-9223372036854775808", "'not a number'", "2.5"), SQLITE_TEXT,
                            ValueFidelityContractTest::sqlite),
                    new Case("TIMESTAMP", List.of("'2024-01-01 10:00:00'", "1704103200"), SQLITE_TEXT, ValueFidelityContractTest::sqlite),
                    new Case("NUMERIC", List.of("'0.10'", "0.1", "'abc'"), SQLITE_TEXT, ValueFidelityContractTest::sqlite));
        };
    }

    private static final String SQLITE_TEXT =
            "CASE typeof(%1$s) WHEN 'blob' THEN 'x:' || hex(%1$s) WHEN 'real' THEN 'r:' || CAST(%1$s AS TEXT) ELSE CAST(%1$s AS TEXT) END";

    @Test
    void everyTypeComesOutAsTheDatabasesTextInEveryFormatAndStrategy() throws Exception {
        List<Case> cases = cases();
        String t = target.table("fidelity");
        List<List<String>> expected = fill(t, cases);
        for (Strategy s : STRATEGIES) {
            for (TextFormat format : List.of(Format.CSV, Format.JSONL)) {
                List<List<String>> got = export(t, s, format, cases.size());
                for (int row = 0; row < expected.size(); row++) {
                    for (int col = 0; col < cases.size(); col++) {
                        assertThat(got.get(row).get(col)).as("%s %s, row %d, column c%d %s (literal %s)", s, format, row + 1,
                                col, cases.get(col).type(), literal(cases.get(col), row))
                                .isEqualTo(expected.get(row).get(col));
                    }
                }
            }
        }
        target.dropTable(t);
    }

    /** Creates and fills the table; returns, per row, each column's text as rowstream must print it (null: NULL). */
    List<List<String>> fill(String t, List<Case> cases) throws SQLException {
        StringBuilder ddl = new StringBuilder("CREATE TABLE " + t + " (id INTEGER PRIMARY KEY");
        int rows = 1;
        for (int i = 0; i < cases.size(); i++) {
            ddl.append(", c").append(i).append(' ').append(cases.get(i).type());
            rows = Math.max(rows, cases.get(i).literals().size() + 1);
        }
        ddl.append(')').append(target == DbTarget.MARIADB || target == DbTarget.MYSQL_CJ ? " CHARACTER SET utf8mb4" : "");
        List<String> sql = new ArrayList<>();
        if (target == DbTarget.MARIADB || target == DbTarget.MYSQL_CJ) {
            sql.add("SET SESSION sql_mode = ''"); // zero dates, as a permissive server stores them
        }
        sql.add(ddl.toString());
        for (int row = 0; row < rows; row++) {
            StringBuilder insert = new StringBuilder("INSERT INTO " + t + " VALUES (" + (row + 1));
            for (Case c : cases) {
                insert.append(", ").append(literal(c, row));
            }
            sql.add(insert.append(')').toString());
        }
        // MySQL Connector/J would drop fractional seconds writing to MariaDB: the rows go in through MariaDB's.
        (target == DbTarget.MYSQL_CJ ? DbTarget.MARIADB : target).execute(sql.toArray(String[]::new));
        StringBuilder text = new StringBuilder("SELECT ");
        for (int i = 0; i < cases.size(); i++) {
            text.append(i > 0 ? ", " : "").append(String.format(Locale.ROOT, cases.get(i).dbText(), "c" + i));
        }
        List<List<String>> expected = new ArrayList<>();
        try (Connection c = target.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(text.append(" FROM ").append(t).append(" ORDER BY id").toString())) {
            while (rs.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 0; i < cases.size(); i++) {
                    String v = rs.getString(i + 1);
                    values.add(v == null ? null : cases.get(i).ours().apply(v));
                }
                expected.add(values);
            }
        }
        assertThat(expected).hasSize(rows);
        return expected;
    }

    private static String literal(Case c, int row) {
        return row < c.literals().size() ? c.literals().get(row) : "NULL";
    }

    /** The export's text of every value (the id left out): CSV is compared through the writer's own quoting. */
    private List<List<String>> export(String t, Strategy s, TextFormat format, int width) throws IOException {
        StringWriter out = new StringWriter();
        List<Row> rows = new ArrayList<>();
        try (RowStream<Row> stream = RowStreams.from(target.dataSource()).table(t).key("id").strategy(s).batchSize(2).open();
             RowWriter writer = format.writer(out)) {
            boolean first = true;
            for (Row row : (Iterable<Row>) stream::iterator) {
                if (first) {
                    writer.begin(row.columns());
                    first = false;
                }
                writer.write(row);
                rows.add(row);
            }
        }
        return format == Format.CSV ? csvTexts(out.toString(), rows, width) : jsonTexts(out.toString(), width);
    }

    /**
     * The CSV must equal what the writer prints for the expected texts as strings: each field is then the
     * value's text, quoted by the same rule. Returns the texts the CSV holds, recovered field by field.
     */
    private static List<List<String>> csvTexts(String csv, List<Row> rows, int width) throws IOException {
        List<List<String>> texts = new ArrayList<>();
        String[] lines = csv.split("\n", -1);
        int line = 1;
        for (Row row : rows) {
            List<String> values = new ArrayList<>();
            StringBuilder record = new StringBuilder();
            int fields = width + 1;
            // A record spans lines where a quoted field holds a new line: gather until its quotes balance.
            do {
                record.append(record.length() > 0 ? "\n" : "").append(lines[line++]);
            } while (record.chars().filter(ch -> ch == '"').count() % 2 == 1);
            List<String> parsed = parseRecord(record.toString());
            assertThat(parsed).hasSize(fields);
            values.addAll(parsed.subList(1, fields));
            texts.add(values);
        }
        return texts;
    }

    /** One RFC 4180 record: an unquoted empty field is NULL, {@code ""} the empty string. */
    private static List<String> parseRecord(String record) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < record.length(); i++) {
            char ch = record.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < record.length() && record.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    field.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
                wasQuoted = true;
            } else if (ch == ',') {
                fields.add(field.length() == 0 && !wasQuoted ? null : field.toString());
                field.setLength(0);
                wasQuoted = false;
            } else {
                field.append(ch);
            }
        }
        fields.add(field.length() == 0 && !wasQuoted ? null : field.toString());
        return fields;
    }

    private static List<List<String>> jsonTexts(String jsonl, int width) throws IOException {
        List<List<String>> texts = new ArrayList<>();
        JsonFactory factory = new JsonFactory();
        for (String line : jsonl.split("\n")) {
            List<String> values = new ArrayList<>();
            try (JsonParser p = factory.createParser(line)) {
                assertThat(p.nextToken()).isEqualTo(JsonToken.START_OBJECT);
                p.nextToken();
                p.nextToken(); // the id
                for (int i = 0; i < width; i++) {
                    assertThat(p.nextToken()).isEqualTo(JsonToken.FIELD_NAME);
                    JsonToken v = p.nextToken();
                    values.add(v == JsonToken.VALUE_NULL ? null : p.getText());
                }
            }
            texts.add(values);
        }
        return texts;
    }

    // ---- the database's text, in rowstream's form ------------------------------------------------

    /** A float's text: digits without an exponent, a fraction always, NaN and infinities spelled out. */
    static String floating(String s) {
        if (s.equals("NaN") || s.endsWith("Infinity") || s.endsWith("inf")) {
            return s.replace("inf", "Infinity");
        }
        if (s.equals("-0") || s.equals("-0.0")) {
            return "-0.0";
        }
        // Java's own text has a fraction (1.0) up to 10^7, and is read off its exponent form above (1.0E7: 10000000).
        BigDecimal d = new BigDecimal(s);
        String plain = d.toPlainString();
        return plain.contains(".") || d.abs().compareTo(BigDecimal.TEN.pow(7)) >= 0 ? plain : plain + ".0";
    }

    static String hexToBase64(String hex) {
        return Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex));
    }

    /** PostgreSQL's {@code 0044-03-15 BC} is ISO's year -43. */
    static String pgDate(String s) {
        if (!s.endsWith(" BC")) {
            return s;
        }
        int year = 1 - Integer.parseInt(s.substring(0, 4));
        return String.format(Locale.ROOT, "-%04d", -year) + s.substring(4, 10);
    }

    /** A time within a day is a LocalTime (its zero fraction left out); any other stays MariaDB's text. */
    static String mariaTime(String s) {
        return s.matches("([01]\\d|2[0-3]):\\d\\d:\\d\\d(\\.\\d+)?") ? trimFraction(s) : s;
    }

    /** A valid date-time is ISO with {@code T}; a zero date stays MariaDB's text. */
    static String mariaDateTime(String s) {
        return s.startsWith("0000-00-00") || s.substring(5, 7).equals("00") ? s : trimFraction(s.replace(' ', 'T'));
    }

    private static String trimFraction(String s) {
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }

    static String utc(String s) {
        OffsetDateTime t = OffsetDateTime.parse(s.replace(' ', 'T'));
        return trimFraction(t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime().toString()
                .replaceAll("T(\\d\\d:\\d\\d)$", "T$1:00")) + "Z";
    }

    /** SQLite: integers and text as they are; reals as floats; blobs base64. */
    static String sqlite(String s) {
        if (s.startsWith("x:")) {
            return hexToBase64(s.substring(2));
        }
        return s.startsWith("r:") ? floating(s.substring(2)) : s;
    }

    // ---- refusals ----------------------------------------------------------------------------------

    /** A type with no faithful form is refused when the stream opens, naming the column. */
    @Test
    void unreadableTypesAreRefusedBeforeTheFirstRow() {
        String t = target.table("refused");
        String query;
        String column;
        switch (target) {
            case POSTGRES -> {
                target.execute("CREATE TABLE " + t + " (id INT PRIMARY KEY, m money)", "INSERT INTO " + t + " VALUES (1, 1)");
                query = "SELECT m FROM " + t; // a query without a key runs as written: no numeric cast is added
                column = "money";
            }
            case MARIADB, MYSQL_CJ -> {
                target.execute("CREATE TABLE " + t + " (id INT PRIMARY KEY, m FLOAT)", "INSERT INTO " + t + " VALUES (1, 1)");
                query = "SELECT m FROM " + t;
                column = "FLOAT";
            }
            case H2 -> {
                target.execute("CREATE TABLE " + t + " (id INT PRIMARY KEY, m JAVA_OBJECT)", "INSERT INTO " + t + " VALUES (1, NULL)");
                query = "SELECT m FROM " + t;
                column = "JAVA_OBJECT";
            }
            default -> {
                return; // SQLite reads every storage class
            }
        }
        assertThatThrownBy(() -> {
            try (RowStream<Row> stream = RowStreams.from(target.dataSource()).query(query).open()) {
                stream.iterator().hasNext();
            }
        }).isInstanceOf(InvalidSpecException.class)
                .satisfies(e -> assertThat(e.getMessage().toLowerCase(Locale.ROOT)).contains("column m has type"))
                .hasMessageContaining(column);
        target.dropTable(t);
    }
}
