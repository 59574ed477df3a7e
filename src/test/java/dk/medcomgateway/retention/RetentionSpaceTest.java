package dk.medcomgateway.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dk.medcomgateway.ledger.BodyArchive;
import dk.medcomgateway.ledger.EmbeddedLedgerCompaction;
import dk.medcomgateway.ledger.LedgerPruning;
import dk.medcomgateway.supportdesk.AuditLog;
import dk.medcomgateway.support.LedgerDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Random;
import org.h2.jdbcx.JdbcDataSource;
import org.h2.mvstore.FileStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.unit.DataSize;

/**
 * An embedded ledger seeded past its retention gives its space back: the body table's size goes down by what was
 * pruned, and the freed chunks take new messages, so the file does not grow by a second ledger's worth when as many
 * new messages come in again. (While the gateway runs the file gives back only a free tail; H2's own full
 * file compaction is not safe to call then: in this test it stopped the database.)
 */
class RetentionSpaceTest {

    private static final int MESSAGES = 1500;

    @Test
    void pruning_a_ledger_past_its_retention_frees_its_space_for_new_messages(@TempDir Path dir) throws Exception {
        // H2 reuses a freed chunk only after its retention time (45 s by default): shortened, so the test sees at once
        // what a running gateway sees within a minute.
        JdbcDataSource h2 = LedgerDatabase.migrated(dir, ";WRITE_DELAY=0;RETENTION_TIME=100");
        JdbcTemplate jdbc = new JdbcTemplate(h2);
        EmbeddedLedgerCompaction compaction = new EmbeddedLedgerCompaction(h2, 80, DataSize.ofMegabytes(8));
        Retention retention = new Retention(settings(), new LedgerPruning(jdbc), new BodyArchive(dir.resolve("archive")),
                new AuditLog(jdbc), new SimpleMeterRegistry(), Clock.systemUTC());
        // Kept open, as the gateway's pool keeps its connections: H2 compacts its file when the last one closes.
        try (var keepOpen = h2.getConnection()) {
            FileStore<?> file = EmbeddedLedgerCompaction.store(keepOpen).getFileStore();
            seed(jdbc, compaction, 0, 400);
            // H2 drops a chunk that holds nothing live, and gives back a free tail, at a checkpoint; in a running
            // gateway the next commits do the same.
            jdbc.execute("CHECKPOINT");
            long bodiesBefore = bodiesSize(jdbc);
            long fileBefore = file.size();
            long liveBefore = live(file);

            Retention.Run run = retention.prune();
            long bodiesAfter = bodiesSize(jdbc);
            // The pruned bodies' space is no longer in use: free inside the file or given back at its end. H2 counts a
            // page as freed some commits after it is deleted, and how many depends on timing: the compaction runs
            // again, as the gateway's does every second, until it has (a fixed 0.4 s was once too short beside other tests).
            long pruned = System.nanoTime();
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
                compaction.compact();
                jdbc.execute("CHECKPOINT");
                assertThat(liveBefore - live(file)).isGreaterThan(bodiesBefore * 3 / 4);
            });
            long freedWithinMillis = (System.nanoTime() - pruned) / 1_000_000;
            long liveAfterPruning = live(file);
            seed(jdbc, compaction, MESSAGES, 0); // as many new messages again
            long fileAfterRefill = file.size();
            int fillAfterRefill = file.getFillRate();

            System.out.printf("Retention: %d bodies pruned in %d ms (%.0f/s); body table %d -> %d bytes; ledger file %d bytes"
                            + " (%d live) before pruning, %d live after (within %d ms), %d bytes (%d %% live) after as many new messages again%n",
                    run.bodies(), run.took().toMillis(), run.bodies() * 1000.0 / Math.max(1, run.took().toMillis()),
                    bodiesBefore, bodiesAfter, fileBefore, liveBefore, liveAfterPruning, freedWithinMillis, fileAfterRefill, fillAfterRefill);
            assertThat(run.bodies()).isEqualTo(MESSAGES);
            assertThat(bodiesAfter).isLessThan(bodiesBefore / 10);
            // New chunks take freed space: without reuse the file would grow by at least the new bodies. How much is
            // reused varies with H2's timing (0 to 18 MB of growth for about 35 MB of bodies in this test's runs).
            assertThat(fileAfterRefill - fileBefore).isLessThan(bodiesBefore);
        }
    }

    /** The bytes of the file in use by live chunks. */
    private static long live(FileStore<?> file) {
        return file.size() * file.getFillRate() / 100;
    }

    private static long bodiesSize(JdbcTemplate jdbc) {
        return jdbc.queryForObject("SELECT DISK_SPACE_USED('MESSAGE_BODY')", Long.class);
    }

    /** Messages with 20 kB bodies, received the given number of days ago, compacted as the gateway does. */
    private static void seed(JdbcTemplate jdbc, EmbeddedLedgerCompaction compaction, int firstId, int daysAgo) {
        Random random = new Random(firstId);
        byte[] body = new byte[20_000];
        OffsetDateTime received = OffsetDateTime.now(ZoneOffset.UTC).minusDays(daysAgo);
        for (int i = firstId; i < firstId + MESSAGES; i++) {
            random.nextBytes(body);
            jdbc.update("INSERT INTO message (id, message_header_id, bundle_id, event_code, sender, receivers, channel, content_type,"
                            + " status, received_at, updated_at) VALUES (?, ?, ?, 'hospital-notification-message', 'h', 'r', 'http',"
                            + " 'application/fhir+json', 'FINALISED', ?, ?)", i, "m-" + i, "b-" + i, received, received);
            jdbc.update("INSERT INTO message_body (message_id, payload) VALUES (?, ?)", i, body);
            if (i % 50 == 0) {
                compaction.compact();
            }
        }
    }

    private static RetentionProperties settings() {
        return new Binder(new MapConfigurationPropertySource(Map.of(
                "gateway.retention.batch-pause", "0ms",
                "gateway.retention.max-batches", "100",
                "gateway.retention.others.bodies", "180d")))
                .bindOrCreate("gateway.retention", RetentionProperties.class);
    }
}
