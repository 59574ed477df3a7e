package dk.medcomgateway.cluster;

import dk.medcomgateway.support.EnvelopeFixtures;
import dk.medcomgateway.support.TestReceiver;
import dk.medcomgateway.support.process.GatewayProcess;
import dk.medcomgateway.support.process.SharedPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * Two packaged gateway processes on one schema of the shared PostgreSQL, with one key for the cluster,
 * delivering to one receiver at {@code /herlev} (or to several, each on a path of the one test receiver).
 * Closing stops both, the receiver and the schema.
 */
final class TwoInstances implements AutoCloseable {

    final SharedPostgres database;
    final TestReceiver receiver;
    final GatewayProcess first;
    final GatewayProcess second;

    /** Skips the test class when no PostgreSQL answers (see {@link SharedPostgres}). */
    static void assumePostgres() {
        Assumptions.assumeTrue(SharedPostgres.reachable(),
                "No PostgreSQL at " + SharedPostgres.URL + " (start one with .ci/postgres.sh); skipping");
    }

    /** Both instances started and healthy; {@code arguments} are the ones a test adds for both. */
    TwoInstances(Path work, String logName, List<String> arguments) throws Exception {
        this(work, logName, arguments, Map.of(EnvelopeFixtures.STIN_RECEIVER_SOR, "/herlev"));
    }

    /** As above, delivering to several receivers: SOR code to the receiver's path on {@link #receiver}. */
    TwoInstances(Path work, String logName, List<String> arguments, Map<String, String> receiverPaths) throws Exception {
        database = new SharedPostgres();
        receiver = new TestReceiver();
        List<String> all = new ArrayList<>(database.gatewayArguments());
        // One key for the cluster: the patient hashes in the shared ledger must agree.
        all.add("--gateway.privacy.cpr-hash-key=shared-test-key-of-the-region");
        all.addAll(arguments);
        Map<String, String> urls = new LinkedHashMap<>();
        receiverPaths.forEach((sor, path) -> urls.put(sor, receiver.url(path)));
        first = GatewayProcess.deliveringTo(urls, work.resolve("a"), logName + "-a", all);
        second = GatewayProcess.deliveringTo(urls, work.resolve("b"), logName + "-b", all);
        try {
            first.start(Duration.ofMinutes(4));
            second.start(Duration.ofMinutes(4));
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public void close() throws Exception {
        first.close();
        second.close();
        receiver.close();
        database.close();
    }
}
