package dk.medcomgateway.cluster;

import static dk.medcomgateway.support.process.GatewayClient.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dk.medcomgateway.support.Examples;
import dk.medcomgateway.support.process.SharedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two packaged gateway processes on one real PostgreSQL (each with its own embedded broker): the
 * Flyway migrations run on PostgreSQL, a duplicate is caught whichever instance receives it, and
 * the acknowledgement-timeout timer does its work once across both. Skipped when no PostgreSQL
 * answers (see {@link SharedPostgres}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SharedPostgresInstancesIT {

    private static final int MAX_RESENDS = 2;

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path work;
    private TwoInstances instances;

    @BeforeAll
    void startTwoInstancesOnOneDatabase() throws Exception {
        TwoInstances.assumePostgres();
        instances = new TwoInstances(work, "shared-postgres", List.of(
                "--gateway.acknowledgement.timeout-ms=3000",
                "--gateway.acknowledgement.max-resends=" + MAX_RESENDS,
                "--gateway.acknowledgement.check-interval-ms=1000"));
    }

    @AfterAll
    void stopAll() throws Exception {
        if (instances != null) {
            instances.close();
        }
    }

    @Test
    void every_migration_runs_on_postgresql() throws Exception {
        long migrations;
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
            migrations = files.filter(file -> file.getFileName().toString().matches("V\\d+__.*\\.sql")).count();
        }
        assertThat(instances.database.number("SELECT count(*) FROM flyway_schema_history WHERE success AND version IS NOT NULL"))
                .isEqualTo(migrations);
    }

    @Test
    void duplicate_sent_to_the_other_instance_is_answered_as_duplicate_and_timers_resend_once_across_both() throws Exception {
        String stin = Examples.freshStin();
        String headerId = Examples.headerId(stin);
        assertThat(post(instances.first, stin).body()).containsPattern("\"code\"\\s*:\\s*\"ok\"");
        await().atMost(Duration.ofSeconds(60)).until(() -> instances.receiver.containing(headerId).size() >= 1);

        // The sender tries the other instance with the same MessageHeader.id (a new Bundle.id).
        assertThat(post(instances.second, Examples.newBundleId(stin)).body()).containsPattern("\"code\"\\s*:\\s*\"ok\"");
        assertThat(instances.database.number("SELECT count(*) FROM message WHERE message_header_id = ?", headerId)).isEqualTo(1);
        assertThat(instances.database.number("SELECT count(*) FROM message_event e JOIN message m ON m.id = e.message_id"
                + " WHERE m.message_header_id = ? AND e.step = 'duplicate'", headerId)).isEqualTo(1);

        // The receiver never acknowledges: the first copy and MAX_RESENDS resends, then one support case,
        // although both instances' acknowledgement-timeout timers tick every second.
        String cases = "SELECT count(*) FROM support_case c JOIN message m ON m.id = c.message_id"
                + " WHERE m.message_header_id = ? AND c.kind = 'no-acknowledgement'";
        await().atMost(Duration.ofSeconds(60)).until(() -> instances.database.number(cases, headerId) >= 1);
        Thread.sleep(5000);
        assertThat(instances.receiver.containing(headerId)).hasSize(1 + MAX_RESENDS);
        assertThat(instances.database.number(cases, headerId)).isEqualTo(1);
        assertThat(instances.database.number("SELECT count(*) FROM shedlock WHERE name = 'ack-timeout'")).isEqualTo(1);
    }
}
