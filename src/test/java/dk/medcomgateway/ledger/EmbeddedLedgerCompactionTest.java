package dk.medcomgateway.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.unit.DataSize;

/**
 * The ledger's write pattern on an H2 file with the gateway's settings: bodies written once and kept,
 * small rows changed in many commits. Without compaction the file keeps every chunk a body lives in;
 * with it, the file stays near its live data.
 */
class EmbeddedLedgerCompactionTest {

    private static final int MESSAGES = 1500;

    @Test
    void theFileStaysNearItsLiveDataWhenCompacted(@TempDir Path dir) throws Exception {
        long withoutCompaction = fileSizeAfterTraffic(dir.resolve("plain"), false);
        long withCompaction = fileSizeAfterTraffic(dir.resolve("compacted"), true);

        long liveBodies = (long) MESSAGES * 20_000;
        // Seen: 100 MB without, 53 MB with, for 30 MB of bodies.
        assertThat(withoutCompaction).as("without compaction").isGreaterThan(5 * liveBodies / 2);
        assertThat(withCompaction).as("with compaction").isLessThan(withoutCompaction * 3 / 4).isLessThan(5 * liveBodies / 2);
    }

    private static long fileSizeAfterTraffic(Path dir, boolean compacted) throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        // H2 reuses a freed chunk only after the retention time (45 s by default): shortened here, so the test sees in seconds
        // what a running gateway sees in minutes.
        h2.setURL("jdbc:h2:file:" + dir.resolve("ledger").toAbsolutePath() + ";WRITE_DELAY=0;RETENTION_TIME=100");
        h2.setUser("sa");
        JdbcTemplate jdbc = new JdbcTemplate(h2);
        jdbc.execute("CREATE TABLE body (id BIGINT PRIMARY KEY, payload VARBINARY)");
        jdbc.execute("CREATE TABLE state (id BIGINT PRIMARY KEY, status VARCHAR(32), changes INT)");
        jdbc.execute("CREATE TABLE trail (id BIGINT AUTO_INCREMENT PRIMARY KEY, message BIGINT, step VARCHAR(32))");
        EmbeddedLedgerCompaction compaction = new EmbeddedLedgerCompaction(h2, 80, DataSize.ofMegabytes(8));
        Random random = new Random(1);
        byte[] body = new byte[20_000];
        // Kept open, as the gateway's pool keeps its connections: H2 compacts its file when the last one closes.
        try (var keepOpen = h2.getConnection()) {
            for (long id = 0; id < MESSAGES; id++) {
                random.nextBytes(body);
                jdbc.update("INSERT INTO body VALUES (?, ?)", id, body);
                jdbc.update("INSERT INTO state VALUES (?, 'RECEIVED', 0)", id);
                for (String step : new String[] {"ACCEPTED", "QUEUED", "DELIVERED", "FINALISED"}) {
                    jdbc.update("UPDATE state SET status = ?, changes = changes + 1 WHERE id = ?", step, id);
                    jdbc.update("INSERT INTO trail (message, step) VALUES (?, ?)", id, step);
                }
                if (compacted && id % 50 == 0) {
                    compaction.compact();
                }
            }
            return Files.size(dir.resolve("ledger.mv.db"));
        }
    }
}
