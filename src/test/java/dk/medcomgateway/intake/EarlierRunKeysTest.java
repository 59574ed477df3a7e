package dk.medcomgateway.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Timestamp;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/** The duplicate store's keys taken before this process started are told apart from those taken since. */
class EarlierRunKeysTest {

    @Test
    void onlyKeysTakenBeforeTheStartAreAnEarlierRunsKeys(@TempDir Path dir) {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:file:" + dir.resolve("ledger").toAbsolutePath());
        h2.setUser("sa");
        Flyway.configure().dataSource(h2).locations("classpath:db/migration").load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(h2);
        long now = System.currentTimeMillis();
        take(jdbc, IdempotencyConfiguration.PROCESSOR_NAME, "before", now - 60_000);
        take(jdbc, "other-store", "other", now - 60_000);

        EarlierRunKeys earlierRun = new EarlierRunKeys(jdbc);
        take(jdbc, IdempotencyConfiguration.PROCESSOR_NAME, "since", System.currentTimeMillis() + 1);

        assertThat(earlierRun.took("before")).isTrue();
        assertThat(earlierRun.took("since")).isFalse();
        assertThat(earlierRun.took("other")).as("another store's key").isFalse();
        assertThat(earlierRun.took("never")).isFalse();
    }

    private static void take(JdbcTemplate jdbc, String store, String key, long at) {
        jdbc.update("INSERT INTO CAMEL_MESSAGEPROCESSED (processorName, messageId, createdAt) VALUES (?, ?, ?)", store, key, new Timestamp(at));
    }
}
