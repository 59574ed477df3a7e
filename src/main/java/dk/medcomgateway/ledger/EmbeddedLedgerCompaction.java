package dk.medcomgateway.ledger;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * Keeps the embedded H2 ledger's file from growing without end. Every commit writes the pages it changed
 * into a new chunk at the end of the file, and a chunk is freed only once none of its pages is live. A page
 * that never changes again (a stored body, a finished message's row) keeps its chunk, otherwise garbage,
 * for good. H2's background writer rewrites such pages into fuller chunks too, but only a little at a time
 * while the store is busy (a quarter of its auto-commit memory per round). With every commit written on its
 * own (WRITE_DELAY=0, before the group commit), a 20-minute run at 40 messages/s grew the file by 0.5 MB per
 * message, to 22 GB. This does more of that work: each time, it moves up to a limit of live pages out of the
 * emptiest chunks, so those chunks are freed and reused.
 */
@Component
@ConditionalOnExpression("'${spring.datasource.url:}'.startsWith('jdbc:h2:file:')")
public class EmbeddedLedgerCompaction {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedLedgerCompaction.class);

    private final DataSource dataSource;
    private final int targetFillRate;
    private final int writeLimit;

    public EmbeddedLedgerCompaction(DataSource dataSource,
                                    @Value("${gateway.ledger.compaction.target-fill-rate:80}") int targetFillRate,
                                    @Value("${gateway.ledger.compaction.write-limit:8MB}") DataSize writeLimit) {
        this.dataSource = dataSource;
        this.targetFillRate = targetFillRate;
        this.writeLimit = Math.toIntExact(writeLimit.toBytes());
    }

    @Scheduled(fixedDelayString = "${gateway.ledger.compaction.every:1s}")
    public void compact() {
        try (Connection connection = dataSource.getConnection()) {
            MVStore store = store(connection);
            if (store != null) {
                store.compact(targetFillRate, writeLimit);
            }
        } catch (SQLException | RuntimeException e) {
            // A failed round leaves the file larger than it need be; the next round tries again.
            log.warn("Compacting the ledger file failed: {}", e.toString());
        }
    }

    /** The store behind an embedded H2 connection, or null for a server connection. */
    public static MVStore store(Connection connection) throws SQLException {
        if (connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session) {
            return session.getDatabase().getStore().getMvStore();
        }
        return null; // a server connection (jdbc:h2:tcp): that server keeps its own file
    }
}
