package dev.rowstream.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rowstream.dialect.ServerSetting;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The server's cap on a query's time, as the recommendation reads it from the settings. */
class DoctorRulesTest {

    private static List<ServerSetting> one(String name, String value) {
        return List.of(new ServerSetting("idle_session_timeout", "5min", "", false),
                new ServerSetting(name, value, "", true));
    }

    @Test
    void aQueryTimeLimitIsFoundInEachDatabasesOwnForm() {
        assertThat(Doctor.queryTimeLimit(one("statement_timeout", "30s"))).isEqualTo("statement_timeout=30s");
        assertThat(Doctor.queryTimeLimit(one("statement_timeout", "1500"))).isEqualTo("statement_timeout=1500");
        assertThat(Doctor.queryTimeLimit(one("max_statement_time", "10.000000"))).isEqualTo("max_statement_time=10.000000");
        assertThat(Doctor.queryTimeLimit(one("max_execution_time", "5000"))).isEqualTo("max_execution_time=5000");
    }

    @Test
    void zeroMeansNoLimit() {
        assertThat(Doctor.queryTimeLimit(one("statement_timeout", "0"))).isNull();
        assertThat(Doctor.queryTimeLimit(one("max_statement_time", "0.000000"))).isNull();
        assertThat(Doctor.queryTimeLimit(List.of())).isNull();
    }
}
