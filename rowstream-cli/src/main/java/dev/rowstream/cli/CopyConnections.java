package dev.rowstream.cli;

import dev.rowstream.ReadBuilder;
import dev.rowstream.RowStreams;
import dev.rowstream.internal.DriverManagerDataSource;
import java.util.function.Function;
import javax.sql.DataSource;
import picocli.CommandLine.Option;

/** The two databases of {@code copy}: {@code --from-url} and {@code --to-url}, each with its user and password. */
final class CopyConnections {
    @Option(names = "--from-url", required = true, paramLabel = "JDBC_URL", description = "The source database.")
    String fromUrl;

    @Option(names = "--from-user", paramLabel = "NAME", description = "The source's user, when its URL has none.")
    String fromUser;

    @Option(names = "--from-password-env", paramLabel = "VAR", description = "Read the source's password from VAR.")
    String fromPasswordEnv;

    @Option(names = "--to-url", required = true, paramLabel = "JDBC_URL", description = "The target database.")
    String toUrl;

    @Option(names = "--to-user", paramLabel = "NAME", description = "The target's user, when its URL has none.")
    String toUser;

    @Option(names = "--to-password-env", paramLabel = "VAR", description = "Read the target's password from VAR.")
    String toPasswordEnv;

    /** A read on the source, reading FLOAT columns exactly (see {@link ConnectionOptions#exactFloats}). */
    ReadBuilder source(Function<String, String> env) {
        String url = ConnectionOptions.exactFloats(ConnectionOptions.checkUrl("--from-url", fromUrl));
        return RowStreams.from(url, fromUser, ConnectionOptions.password("--from-password-env", fromPasswordEnv, env));
    }

    /** The target, with batches rewritten into few statements (see {@link ConnectionOptions#batchRewriting}). */
    DataSource target(Function<String, String> env) {
        String url = ConnectionOptions.batchRewriting(ConnectionOptions.checkUrl("--to-url", toUrl));
        return new DriverManagerDataSource(url, toUser, ConnectionOptions.password("--to-password-env", toPasswordEnv,
                env));
    }
}
