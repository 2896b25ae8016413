package dev.rowstream.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rowstream.testing.DbTarget;
import dev.rowstream.testing.LeakCheck;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * README's examples (a mapped read, the jobs), compiled and run exactly as written: each {@code java} block after an
 * {@code <!-- example: ... -->} line. A line {@code Type name = ...;} declares what the example is given (a
 * DataSource, a folder); the rest is its code, verbatim. The examples run twice on H2 (a copy into SQLite),
 * the second time finding nothing left to resume.
 */
@ExtendWith(LeakCheck.class)
class ReadmeExamplesTest {
    private static final Pattern EXAMPLE = Pattern.compile("<!-- example: ([^(]+?) \\(.*?-->\\s*```java\\n(.*?)```",
            Pattern.DOTALL);
    private static final Pattern GIVEN = Pattern.compile("(\\w+) (\\w+) = \\.\\.\\.;");
    private static final String IMPORTS = "import dev.rowstream.*; import dev.rowstream.checkpoint.*;"
            + " import dev.rowstream.copy.*; import dev.rowstream.job.*; import dev.rowstream.sink.*;"
            + " import dev.rowstream.format.*; import java.nio.file.*; import javax.sql.DataSource;";

    @TempDir
    Path dir;

    @Test
    void theJobExamplesRunAsWritten() throws Exception {
        Map<String, String> examples = examples();
        assertThat(examples).containsOnlyKeys("mapped read", "resumable export", "copy");
        DbTarget h2 = DbTarget.H2;
        DbTarget sqlite = DbTarget.SQLITE;
        h2.execute("CREATE TABLE orders (id INT PRIMARY KEY, amount DECIMAL(10,2))",
                "INSERT INTO orders SELECT X, X * 1.25 FROM SYSTEM_RANGE(1, 2500)");
        try {
            Map<String, Object> given = Map.of("ds", h2.dataSource(), "dir", dir, "archive", sqlite.dataSource());
            assertThat(run(examples.get("mapped read"), given)).isEqualTo("2500 orders, 3907812.50\n");
            assertThat(run(examples.get("resumable export"), given)).isEqualTo("2500 rows written, 2500 in all\n");
            String csv = new String(new GZIPInputStream(Files.newInputStream(dir.resolve("orders.csv.gz")))
                    .readAllBytes(), StandardCharsets.UTF_8);
            assertThat(csv.lines()).hasSize(2501).startsWith("ID,AMOUNT", "1,1.25");
            assertThat(dir.resolve("orders.ckpt")).doesNotExist();
            assertThat(run(examples.get("copy"), given)).isEqualTo("2500 rows into sqlite with batched INSERT\n");
            // Run again: the export starts from the beginning (its checkpoint was deleted); the copy finds its
            // final checkpoint, marked done, and reports the copy complete without writing a row.
            assertThat(run(examples.get("resumable export"), given)).isEqualTo("2500 rows written, 2500 in all\n");
            assertThat(run(examples.get("copy"), given)).isEqualTo("already complete: 2500 rows\n");
            assertThat(sqlite.longs("SELECT COUNT(*) FROM orders")).containsExactly(2500L);
        } finally {
            h2.dropTable("orders");
            sqlite.dropTable("orders");
            sqlite.dropTable("rowstream_checkpoint");
        }
    }

    /** The examples in README, by name. */
    private static Map<String, String> examples() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        Map<String, String> found = new LinkedHashMap<>();
        Matcher m = EXAMPLE.matcher(readme);
        while (m.find()) {
            found.put(m.group(1).trim(), m.group(2));
        }
        return found;
    }

    /** Compiles {@code code} as the body of a method whose parameters are its given lines, runs it, returns its stdout. */
    private static String run(String code, Map<String, Object> given) throws Exception {
        List<String> parameters = new ArrayList<>();
        List<Object> arguments = new ArrayList<>();
        Matcher g = GIVEN.matcher(code);
        while (g.find()) {
            parameters.add(g.group(1) + " " + g.group(2));
            arguments.add(given.get(g.group(2)));
        }
        String body = GIVEN.matcher(code).replaceAll("");
        String source = IMPORTS + " public class Example { public static void run(" + String.join(", ", parameters)
                + ") throws Exception {\n" + body + "\n} }";
        Path classes = Files.createTempDirectory("readme-example");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter errors = new StringWriter();
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///Example.java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        boolean ok = javac.getTask(errors, null, null, List.of("-d", classes.toString(), "-classpath",
                System.getProperty("java.class.path")), null, List.of(file)).call();
        assertThat(ok).as("the example compiles:\n%s\n%s", source, errors).isTrue();
        try (var loader = new java.net.URLClassLoader(new java.net.URL[] {classes.toUri().toURL()},
                ReadmeExamplesTest.class.getClassLoader())) {
            Method main = null;
            for (Method method : loader.loadClass("Example").getMethods()) {
                if (method.getName().equals("run")) {
                    main = method;
                }
            }
            PrintStream stdout = System.out;
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            try {
                main.invoke(null, arguments.toArray());
            } finally {
                System.setOut(stdout);
            }
            return out.toString(StandardCharsets.UTF_8);
        }
    }
}
