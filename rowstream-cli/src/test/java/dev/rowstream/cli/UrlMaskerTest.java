package dev.rowstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UrlMaskerTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // pgjdbc, MariaDB, MySQL query properties
        "jdbc:postgresql://db/shop?user=app&password=s3cret|jdbc:postgresql://db/shop?user=app&password=***",
        "jdbc:postgresql://db/shop?password=s3cret&user=app|jdbc:postgresql://db/shop?password=***&user=app",
        "jdbc:mariadb://db:3306/shop?user=root&PASSWORD=s3cret&useSsl=false|jdbc:mariadb://db:3306/shop?user=root&PASSWORD=***&useSsl=false",
        "jdbc:mysql://db/shop?user=app&password=s3cret&sslMode=DISABLED|jdbc:mysql://db/shop?user=app&password=***&sslMode=DISABLED",
        // other password-like properties
        "jdbc:postgresql://db/shop?sslpassword=k3y&user=app|jdbc:postgresql://db/shop?sslpassword=***&user=app",
        "jdbc:mysql://db/shop?trustCertificateKeyStorePassword=k3y|jdbc:mysql://db/shop?trustCertificateKeyStorePassword=***",
        "jdbc:sqlserver://db;user=sa;pwd=s3cret;encrypt=false|jdbc:sqlserver://db;user=sa;pwd=***;encrypt=false",
        // user info
        "jdbc:postgresql://app:s3cret@db:5432/shop|jdbc:postgresql://app:***@db:5432/shop",
        "jdbc:mysql://app:p@ss@db/shop|jdbc:mysql://app:***@db/shop",
        // H2 settings after ;
        "jdbc:h2:tcp://db/~/shop;USER=sa;PASSWORD=s3cret|jdbc:h2:tcp://db/~/shop;USER=sa;PASSWORD=***",
        "jdbc:h2:mem:x;PASSWORD=s3cret;MODE=PostgreSQL|jdbc:h2:mem:x;PASSWORD=***;MODE=PostgreSQL",
        // MySQL address form
        "jdbc:mysql://address=(host=db)(user=app)(password=s3cret)/shop|jdbc:mysql://address=(host=db)(user=app)(password=***)/shop",
        // nothing to hide
        "jdbc:postgresql://db:5432/shop?user=app|jdbc:postgresql://db:5432/shop?user=app",
        "jdbc:mysql://db1:3306,db2:3306/shop|jdbc:mysql://db1:3306,db2:3306/shop",
        "jdbc:sqlite:/tmp/pass:word.db|jdbc:sqlite:/tmp/pass:word.db",
        "jdbc:postgresql://db/shop?password=|jdbc:postgresql://db/shop?password=",
    })
    void masksPasswords(String url, String masked) {
        assertThat(UrlMasker.mask(url)).isEqualTo(masked);
        assertThat(UrlMasker.mask(url, UrlMasker.secrets(url))).isEqualTo(masked);
    }

    @Test
    void secretsAreTheValuesAsWrittenAndDecoded() {
        assertThat(UrlMasker.secrets("jdbc:postgresql://u:p%40ss@db/shop?password=two%20words"))
                .containsExactly("p%40ss", "p@ss", "two%20words", "two words");
        assertThat(UrlMasker.secrets("jdbc:postgresql://db/shop?user=app")).isEmpty();
        assertThat(UrlMasker.secrets(null)).isEmpty();
    }

    @Test
    void masksAUrlInsideAMessageWithoutEatingTheSentence() {
        String message = "no driver accepts --url 'jdbc:x://db/shop?password=s3cret': check the URL prefix";
        assertThat(UrlMasker.mask(message))
                .isEqualTo("no driver accepts --url 'jdbc:x://db/shop?password=***': check the URL prefix");
    }

    @Test
    void masksEveryOccurrenceOfAKnownSecret() {
        String message = "FATAL: password authentication failed (tried 'hunter2', hunter2 again)";
        assertThat(UrlMasker.mask(message, List.of("hunter2")))
                .isEqualTo("FATAL: password authentication failed (tried '***', *** again)");
    }

    @Test
    void aPasswordWithSpacesIsMaskedWholeWhenItsUrlIsKnown() {
        String url = "jdbc:h2:mem:x;PASSWORD=two words;MODE=MySQL";
        assertThat(UrlMasker.mask("cannot open " + url, UrlMasker.secrets(url)))
                .isEqualTo("cannot open jdbc:h2:mem:x;PASSWORD=***;MODE=MySQL")
                .doesNotContain("words");
    }
}
