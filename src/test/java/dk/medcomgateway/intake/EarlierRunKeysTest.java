package dk.medcomgateway.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dk.medcomgateway.support.LedgerDatabase;
import java.nio.file.Path;
import java.sql.Timestamp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/** The duplicate store's keys taken before this process started are told apart from those taken since. */
class EarlierRunKeysTest {

    @Test
    void onlyKeysTakenBeforeTheStartAreAnEarlierRunsKeys(@TempDir Path dir) {
        JdbcTemplate jdbc = new JdbcTemplate(LedgerDatabase.migrated(dir));
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
