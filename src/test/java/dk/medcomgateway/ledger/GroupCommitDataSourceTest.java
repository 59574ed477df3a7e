package dk.medcomgateway.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What a killed process leaves: the H2 file as the operating system has it right after a write returned, copied
 * aside and opened on its own. The ledger's H2 has a write delay; the group commit must still have the write in the
 * file before the writer goes on. The same writes without the wrapper show the copy can lack them.
 */
class GroupCommitDataSourceTest {

    /** Far longer than a test runs: H2's own background writer never gets to store first. */
    private static final String LONG_WRITE_DELAY = ";WRITE_DELAY=600000";

    @Test
    void aTransactionIsInTheFileWhenItsCommitReturns(@TempDir Path dir) throws Exception {
        JdbcDataSource h2 = h2(dir.resolve("live"));
        DataSource ledger = new GroupCommitDataSource(h2, Duration.ZERO);
        try (Connection keepOpen = h2.getConnection()) {
            new JdbcTemplate(ledger).execute("CREATE TABLE message (id VARCHAR(36) PRIMARY KEY)");
            TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(ledger));
            transaction.executeWithoutResult(status -> new JdbcTemplate(ledger).update("INSERT INTO message VALUES ('in-a-transaction')"));

            assertThat(rowsInACopy(dir.resolve("live"), dir.resolve("copy"))).containsExactly("in-a-transaction");
        }
    }

    @Test
    void anAutoCommittedUpdateIsInTheFileWhenItReturns(@TempDir Path dir) throws Exception {
        JdbcDataSource h2 = h2(dir.resolve("live"));
        JdbcTemplate ledger = new JdbcTemplate(new GroupCommitDataSource(h2, Duration.ZERO));
        try (Connection keepOpen = h2.getConnection()) {
            ledger.execute("CREATE TABLE message (id VARCHAR(36) PRIMARY KEY)");
            ledger.update("INSERT INTO message VALUES ('auto-committed')");

            assertThat(rowsInACopy(dir.resolve("live"), dir.resolve("copy"))).containsExactly("auto-committed");
        }
    }

    @Test
    void withoutTheWrapperTheWriteDelayKeepsACommitOutOfTheFile(@TempDir Path dir) throws Exception {
        JdbcDataSource h2 = h2(dir.resolve("live"));
        JdbcTemplate plain = new JdbcTemplate(h2);
        try (Connection keepOpen = h2.getConnection()) {
            new JdbcTemplate(new GroupCommitDataSource(h2, Duration.ZERO)).execute("CREATE TABLE message (id VARCHAR(36) PRIMARY KEY)");
            plain.update("INSERT INTO message VALUES ('only-in-memory')");

            assertThat(rowsInACopy(dir.resolve("live"), dir.resolve("copy"))).isEmpty();
        }
    }

    @Test
    void everyConcurrentCommitIsInTheFile(@TempDir Path dir) throws Exception {
        JdbcDataSource h2 = h2(dir.resolve("live"));
        JdbcTemplate ledger = new JdbcTemplate(new GroupCommitDataSource(h2, Duration.ZERO));
        ExecutorService writers = Executors.newFixedThreadPool(8);
        try (Connection keepOpen = h2.getConnection()) {
            ledger.execute("CREATE TABLE message (id VARCHAR(36) PRIMARY KEY)");
            List<Future<?>> writes = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                String id = "m" + i;
                writes.add(writers.submit(() -> ledger.update("INSERT INTO message VALUES (?)", id)));
            }
            for (Future<?> write : writes) {
                write.get();
            }

            assertThat(rowsInACopy(dir.resolve("live"), dir.resolve("copy"))).hasSize(400);
        } finally {
            writers.shutdownNow();
        }
    }

    @Test
    void commitsComingSideBySideShareWritesOfTheFileWhenAStoreLingers(@TempDir Path dir) throws Exception {
        long atOnce = storesForSideBySideWriters(dir.resolve("at-once"), Duration.ZERO);
        long lingering = storesForSideBySideWriters(dir.resolve("lingering"), Duration.ofMillis(50));

        // 8 writers, 10 commits each, 5 ms apart: without a linger the commits group only by chance.
        assertThat(lingering).as("stores with a linger, against %d without", atOnce).isLessThan(atOnce / 2);
    }

    @Test
    void aLoneWriterNeverLingers(@TempDir Path dir) throws Exception {
        JdbcDataSource h2 = h2(dir.resolve("live"));
        JdbcTemplate ledger = new JdbcTemplate(new GroupCommitDataSource(h2, Duration.ofSeconds(2)));
        try (Connection keepOpen = h2.getConnection()) {
            ledger.execute("CREATE TABLE message (id VARCHAR(36) PRIMARY KEY)");
            long started = System.nanoTime();
            for (int i = 0; i < 20; i++) {
                ledger.update("INSERT INTO message VALUES (?)", "m" + i);
            }

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
            assertThat(rowsInACopy(dir.resolve("live"), dir.resolve("copy"))).hasSize(20);
        }
    }

    /** The stores (writes of the file) for 8 writers committing 10 times each, 5 ms apart; every row is in the file. */
    private static long storesForSideBySideWriters(Path dir, Duration linger) throws Exception {
        JdbcDataSource h2 = h2(dir.resolve("live"));
        JdbcTemplate ledger = new JdbcTemplate(new GroupCommitDataSource(h2, linger));
        ExecutorService writers = Executors.newFixedThreadPool(8);
        try (Connection keepOpen = h2.getConnection()) {
            ledger.execute("CREATE TABLE message (id VARCHAR(36) PRIMARY KEY)");
            MVStore store = EmbeddedLedgerCompaction.store(keepOpen);
            long versionBefore = store.getCurrentVersion();
            List<Future<?>> writes = new ArrayList<>();
            for (int w = 0; w < 8; w++) {
                String writer = "w" + w;
                writes.add(writers.submit(() -> {
                    for (int i = 0; i < 10; i++) {
                        ledger.update("INSERT INTO message VALUES (?)", writer + "-" + i);
                        Thread.sleep(5);
                    }
                    return null;
                }));
            }
            for (Future<?> write : writes) {
                write.get();
            }
            long stores = store.getCurrentVersion() - versionBefore;
            assertThat(rowsInACopy(dir.resolve("live"), dir.resolve("copy"))).hasSize(80);
            return stores;
        } finally {
            writers.shutdownNow();
        }
    }

    @Test
    void aWrappedConnectionIsEqualToItselfOnly(@TempDir Path dir) throws Exception {
        DataSource ledger = new GroupCommitDataSource(h2(dir.resolve("live")), Duration.ZERO);
        try (Connection one = ledger.getConnection(); Connection other = ledger.getConnection()) {
            assertThat(one).isEqualTo(one).isNotEqualTo(other).hasSameHashCodeAs(one);
            assertThat(Set.of(one, other)).contains(one, other);
        }
    }

    @Test
    void aCommitOnAClosedFileIsAnError(@TempDir Path dir) {
        MVStore store = MVStore.open(dir.resolve("closed.mv.db").toString());
        store.close();

        assertThatThrownBy(() -> new LedgerGroupCommit(Duration.ZERO).awaitStored(store))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("could not write its file");
    }

    private static JdbcDataSource h2(Path dir) {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:file:" + dir.resolve("ledger").toAbsolutePath() + LONG_WRITE_DELAY);
        h2.setUser("sa");
        return h2;
    }

    /** The rows of a copy of the live file, opened as a database of its own (what a restart after SIGKILL reads). */
    private static List<String> rowsInACopy(Path live, Path copy) throws Exception {
        Files.createDirectories(copy);
        Files.copy(live.resolve("ledger.mv.db"), copy.resolve("ledger.mv.db"));
        JdbcDataSource reopened = new JdbcDataSource();
        reopened.setURL("jdbc:h2:file:" + copy.resolve("ledger").toAbsolutePath());
        reopened.setUser("sa");
        JdbcTemplate jdbc = new JdbcTemplate(reopened);
        try {
            boolean hasTable = !jdbc.queryForList("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = 'MESSAGE'").isEmpty();
            return hasTable ? jdbc.queryForList("SELECT id FROM message ORDER BY id", String.class) : List.of();
        } finally {
            jdbc.execute("SHUTDOWN");
        }
    }
}
