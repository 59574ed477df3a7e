package dk.medcomgateway.support.load;

import com.zaxxer.hikari.HikariDataSource;
import dk.medcomgateway.ledger.DeliveryLedger;
import dk.medcomgateway.ledger.EmbeddedLedgerCompaction;
import dk.medcomgateway.ledger.GroupCommitDataSource;
import dk.medcomgateway.ledger.LedgerTestPartners;
import dk.medcomgateway.ledger.MessageLedger;
import dk.medcomgateway.routing.Partner;
import dk.medcomgateway.support.Examples;
import dk.medcomgateway.support.LedgerDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.h2.mvstore.MVStore;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.FileSystemUtils;

/**
 * The embedded ledger's writes alone ({@code bench/ledger-writes.sh}): messages at a steady rate through the commits a
 * message makes in the gateway (arrival and acceptance with its answer, queued, handed over, the receiver's
 * acknowledgement), each on a fresh H2 ledger with the gateway's settings and group commit, once per linger given.
 * Prints, per run, the writes of the file (stores) and the bytes written per message, the process's CPU per message and
 * the intake commit's latency. Without the HTTP, the broker and the validation, the host's speed hardly moves the
 * stores and bytes, so a change to how the ledger writes shows in minutes.
 *
 * <p>Options ({@code --name=value}): rate (messages per second, 100), duration (seconds per run, 25), lingers (group
 * commit lingers in ms, comma separated, run in that order, "0,5,0,5"), threads (16). Runs one after another in one JVM:
 * the first is the JIT's warm-up, so compare the later ones.
 */
public final class LedgerWriteRun {

    private static final String H2_SETTINGS = ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=500;QUERY_CACHE_SIZE=128";
    private static final Partner RECEIVER = LedgerTestPartners.fileDrop("herlev");

    public static void main(String[] args) throws Exception {
        Map<String, String> options = GatewayBench.options(args);
        double rate = Double.parseDouble(options.getOrDefault("rate", "100"));
        Duration duration = GatewayBench.seconds(options, "duration", 25);
        int threads = Integer.parseInt(options.getOrDefault("threads", "16"));
        byte[] body = Examples.read("Bundle-a5e5b880-c087-4055-b9ec-99108695f81d.json").getBytes(StandardCharsets.UTF_8);
        for (String linger : options.getOrDefault("lingers", "0,5,0,5").split(",")) {
            System.out.println(run(Duration.ofNanos(Math.round(Double.parseDouble(linger) * 1e6)), rate, duration, threads, body));
        }
        System.exit(0);
    }

    private static String run(Duration linger, double rate, Duration duration, int threads, byte[] body) throws Exception {
        Path dir = Files.createTempDirectory("ledger-writes");
        LedgerDatabase.migrated(dir, H2_SETTINGS);
        ExecutorService workers = Executors.newFixedThreadPool(threads);
        try (HikariDataSource pool = new HikariDataSource()) {
            pool.setJdbcUrl("jdbc:h2:file:" + dir.resolve("ledger").toAbsolutePath() + H2_SETTINGS);
            pool.setUsername("sa");
            pool.setMaximumPoolSize(24);
            GroupCommitDataSource ledger = new GroupCommitDataSource(pool, linger);
            JdbcTemplate jdbc = new JdbcTemplate(ledger);
            TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(ledger));
            MessageLedger messages = new MessageLedger(jdbc);
            DeliveryLedger deliveries = new DeliveryLedger(jdbc, messages);
            MVStore store;
            try (Connection connection = pool.getConnection()) {
                store = EmbeddedLedgerCompaction.store(connection);
            }
            int count = (int) (rate * duration.toSeconds());
            Latencies intake = new Latencies();
            CountDownLatch done = new CountDownLatch(count);
            long storesBefore = store.getCurrentVersion();
            long writtenBefore = bytesWritten();
            double cpuBefore = ProcessCpu.seconds(ProcessHandle.current().pid());
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                long wait = start + Math.round(i * 1e9 / rate) - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                String key = "mh-" + linger.toNanos() + "-" + i;
                workers.execute(() -> {
                    try {
                        oneMessage(key, body, messages, deliveries, transaction, intake);
                    } finally {
                        done.countDown();
                    }
                });
            }
            done.await();
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpu = ProcessCpu.seconds(ProcessHandle.current().pid()) - cpuBefore;
            long stores = store.getCurrentVersion() - storesBefore;
            long written = bytesWritten() - writtenBefore;
            return String.format(Locale.ROOT, "linger %4.1f ms: %d messages in %.1f s; %.2f stores and %.0f kB written a message;"
                            + " CPU %.2f ms a message; intake commit p50 %.1f ms, p99 %.1f ms", linger.toNanos() / 1e6, count, seconds,
                    stores / (double) count, written / 1024.0 / count, cpu * 1000 / count, intake.percentileMs(50), intake.percentileMs(99));
        } finally {
            workers.shutdownNow();
            FileSystemUtils.deleteRecursively(dir);
        }
    }

    /** A message's commits as the gateway makes them, one after another. */
    private static void oneMessage(String key, byte[] body, MessageLedger messages, DeliveryLedger deliveries,
                                   TransactionTemplate transaction, Latencies intake) {
        long arrived = System.nanoTime();
        DeliveryLedger.Dispatch copy = transaction.execute(status -> {
            long id = messages.recordArrival(new MessageLedger.Arrival(key, "b-" + key, "hospital-notification", "stin", "herlev",
                    "patient-" + Math.floorMod(key.hashCode(), 1000), "http", "application/fhir+json", body));
            messages.event(id, null, "received", "via http");
            return deliveries.accept(id, key, "b-" + key, "application/fhir+json", body, null, List.of(RECEIVER), body).get(0);
        });
        intake.add(System.nanoTime() - arrived);
        transaction.executeWithoutResult(status -> deliveries.markQueued(copy));
        transaction.executeWithoutResult(status -> deliveries.markTransferred(copy, "handed over"));
        transaction.executeWithoutResult(status -> {
            deliveries.recordReceiverAck(deliveries.deliveriesOf(copy.messageId()).get(0), "ok", "ACKNOWLEDGED");
            messages.storeReceiverAck(copy.messageId(), "herlev", "ok", "application/fhir+json", body);
        });
    }

    /** Bytes this process has written to storage so far (Linux /proc). */
    private static long bytesWritten() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/io")).stream().filter(line -> line.startsWith("write_bytes:"))
                .mapToLong(line -> Long.parseLong(line.substring("write_bytes:".length()).trim())).findFirst().orElseThrow();
    }

    private LedgerWriteRun() {
    }
}
