package dev.rowstream.cli;

import dev.rowstream.InvalidSpecException;
import dev.rowstream.ReadBuilder;
import dev.rowstream.dialect.Dialects;
import dev.rowstream.RowStreams;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import picocli.CommandLine.Option;

/**
 * Where to connect: {@code --url}, {@code --user}, {@code --password-env}. A {@code @Mixin} shared by
 * every command that reads a database.
 */
public final class ConnectionOptions {
    /** The prefixes of the drivers inside the rowstream jar. */
    static final List<String> SUPPORTED_PREFIXES =
            List.of("jdbc:postgresql:", "jdbc:mariadb:", "jdbc:mysql:", "jdbc:h2:", "jdbc:sqlite:");

    @Option(names = "--url", required = true, paramLabel = "JDBC_URL",
            description = "The database, e.g. jdbc:postgresql://localhost/shop. A password in it works,"
                    + " and is shown as *** in every message.")
    String url;

    @Option(names = "--user", paramLabel = "NAME", description = "The user name, when the URL has none.")
    String user;

    @Option(names = "--password-env", paramLabel = "VAR",
            description = "Read the password from environment variable VAR (never from the command line,"
                    + " where other users can see it).")
    String passwordEnv;

    /** The URL with any password shown as {@code ***}. */
    String maskedUrl() {
        return UrlMasker.mask(url, UrlMasker.secrets(url));
    }

    /**
     * A read on this database, after checking what can be checked without connecting: that the URL is
     * a JDBC URL a bundled driver accepts, and that the password variable is set.
     */
    ReadBuilder read(Function<String, String> env) {
        checkUrl();
        return RowStreams.from(url, user, password(env));
    }

    String password(Function<String, String> env) {
        return password("--password-env", passwordEnv, env);
    }

    /** The password in the environment variable {@code var} (named by {@code option}), or null without one. */
    static String password(String option, String var, Function<String, String> env) {
        if (var == null) {
            return null;
        }
        String password = env.apply(var);
        if (password == null) {
            throw new InvalidSpecException("environment variable " + var + " (named by " + option + ")"
                    + " is not set: set it to the password, e.g. read -s " + var + "; export " + var);
        }
        return password;
    }

    void checkUrl() {
        checkUrl("--url", url);
    }

    /** Checks that {@code url} (given as {@code option}) is a JDBC URL a bundled driver accepts; returns it. */
    static String checkUrl(String option, String url) {
        String masked = UrlMasker.mask(url, UrlMasker.secrets(url));
        if (!url.toLowerCase(Locale.ROOT).startsWith("jdbc:")) {
            throw new InvalidSpecException(option + " '" + masked + "' is not a JDBC URL: it must start with"
                    + " one of " + String.join(", ", SUPPORTED_PREFIXES));
        }
        try {
            DriverManager.getDriver(url);
        } catch (SQLException noDriver) {
            // DriverManager's own message quotes the URL unmasked: it is not passed on.
            throw new InvalidSpecException("no driver accepts " + option + " '" + masked + "': check the URL prefix"
                    + " and syntax; supported prefixes are " + String.join(", ", SUPPORTED_PREFIXES));
        }
        return url;
    }

    /** A copy target's URL with what its driver needs to write batches fast (the dialect says what). */
    static String batchRewriting(String url) {
        return Dialects.forUrl(url).copyTypes().writeUrl(url);
    }

    /** A copy source's URL with what its driver needs to read every value exactly (the dialect says what). */
    static String exactFloats(String url) {
        return Dialects.forUrl(url).exactReadUrl(url);
    }
}
