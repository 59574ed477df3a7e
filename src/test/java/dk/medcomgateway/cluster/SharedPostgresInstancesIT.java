package dk.medcomgateway.cluster;

import static dk.medcomgateway.cluster.GatewayClient.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dk.medcomgateway.support.Examples;
import dk.medcomgateway.support.TestReceiver;
import dk.medcomgateway.support.process.GatewayProcess;
import dk.medcomgateway.support.process.SharedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
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

    private static final String RECEIVER_SOR = "953741000016009";
    private static final int MAX_RESENDS = 2;

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path work;
    private SharedPostgres database;
    private TestReceiver receiver;
    private GatewayProcess first;
    private GatewayProcess second;

    @BeforeAll
    void startTwoInstancesOnOneDatabase() throws Exception {
        Assumptions.assumeTrue(SharedPostgres.reachable(),
                "No PostgreSQL at " + SharedPostgres.URL + " (start one with .ci/postgres.sh); skipping");
        database = new SharedPostgres();
        receiver = new TestReceiver();
        Path partners = Files.writeString(work.resolve("partners.yaml"), GatewayClient.partners(RECEIVER_SOR, receiver.url("/herlev")));
        // Assigned before they start, so that @AfterAll stops one that never became healthy.
        first = instance("a", partners);
        second = instance("b", partners);
        first.start(Duration.ofMinutes(4));
        second.start(Duration.ofMinutes(4));
    }

    @AfterAll
    void stopAll() throws Exception {
        for (AutoCloseable closeable : new AutoCloseable[] {first, second, receiver, database}) {
            if (closeable != null) {
                closeable.close();
            }
        }
    }

    @Test
    void every_migration_runs_on_postgresql() throws Exception {
        long migrations;
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
            migrations = files.filter(file -> file.getFileName().toString().matches("V\\d+__.*\\.sql")).count();
        }
        assertThat(database.number("SELECT count(*) FROM flyway_schema_history WHERE success AND version IS NOT NULL"))
                .isEqualTo(migrations);
    }

    @Test
    void duplicate_sent_to_the_other_instance_is_answered_as_duplicate_and_timers_resend_once_across_both() throws Exception {
        String stin = Examples.freshStin();
        String headerId = Examples.headerId(stin);
        assertThat(post(first, stin).body()).containsPattern("\"code\"\\s*:\\s*\"ok\"");
        await().atMost(Duration.ofSeconds(60)).until(() -> receiver.containing(headerId).size() >= 1);

        // The sender tries the other instance with the same MessageHeader.id (a new Bundle.id).
        assertThat(post(second, Examples.newBundleId(stin)).body()).containsPattern("\"code\"\\s*:\\s*\"ok\"");
        assertThat(database.number("SELECT count(*) FROM message WHERE message_header_id = ?", headerId)).isEqualTo(1);
        assertThat(database.number("SELECT count(*) FROM message_event e JOIN message m ON m.id = e.message_id"
                + " WHERE m.message_header_id = ? AND e.step = 'duplicate'", headerId)).isEqualTo(1);

        // The receiver never acknowledges: the first copy and MAX_RESENDS resends, then one support case,
        // although both instances' acknowledgement-timeout timers tick every second.
        String cases = "SELECT count(*) FROM support_case c JOIN message m ON m.id = c.message_id"
                + " WHERE m.message_header_id = ? AND c.kind = 'no-acknowledgement'";
        await().atMost(Duration.ofSeconds(60)).until(() -> database.number(cases, headerId) >= 1);
        Thread.sleep(5000);
        assertThat(receiver.containing(headerId)).hasSize(1 + MAX_RESENDS);
        assertThat(database.number(cases, headerId)).isEqualTo(1);
        assertThat(database.number("SELECT count(*) FROM shedlock WHERE name = 'ack-timeout'")).isEqualTo(1);
    }

    private GatewayProcess instance(String name, Path partners) {
        List<String> arguments = new ArrayList<>(database.gatewayArguments());
        arguments.addAll(List.of(
                "--gateway.partners-file=" + partners,
                // One key for the cluster: the patient hashes in the shared ledger must agree.
                "--gateway.privacy.cpr-hash-key=shared-test-key-of-the-region",
                "--gateway.acknowledgement.timeout-ms=3000",
                "--gateway.acknowledgement.max-resends=" + MAX_RESENDS,
                "--gateway.acknowledgement.check-interval-ms=1000",
                "--gateway.outage.detection.probe-interval=1s"));
        return new GatewayProcess(work.resolve(name), arguments, List.of("-Xmx1g"));
    }
}
