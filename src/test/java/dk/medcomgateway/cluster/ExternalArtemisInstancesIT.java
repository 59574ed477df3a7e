package dk.medcomgateway.cluster;

import static dk.medcomgateway.cluster.GatewayClient.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dk.medcomgateway.support.Examples;
import dk.medcomgateway.support.TestReceiver;
import dk.medcomgateway.support.process.ArtemisBroker;
import dk.medcomgateway.support.process.GatewayProcess;
import dk.medcomgateway.support.process.SharedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two packaged gateway processes on one external Apache Artemis broker (spring.artemis.mode=native)
 * and one PostgreSQL, both consuming every receiver's queue: a receiver still gets its messages in
 * the order they were accepted, whichever instance took them in. Skipped without PostgreSQL or
 * without the broker distribution Maven unpacks before the *IT tests.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExternalArtemisInstancesIT {

    private static final String RECEIVER_SOR = "953741000016009";
    private static final int MESSAGES = 20;

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path work;
    private SharedPostgres database;
    private ArtemisBroker broker;
    private TestReceiver receiver;
    private GatewayProcess first;
    private GatewayProcess second;

    @BeforeAll
    void startBrokerAndTwoInstances() throws Exception {
        Assumptions.assumeTrue(SharedPostgres.reachable(),
                "No PostgreSQL at " + SharedPostgres.URL + " (start one with .ci/postgres.sh); skipping");
        Assumptions.assumeTrue(ArtemisBroker.home() != null, "No Artemis distribution under target/artemis-broker (mvn verify unpacks it); skipping");
        database = new SharedPostgres();
        broker = new ArtemisBroker(work.resolve("broker")).start(Duration.ofSeconds(90));
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
        for (AutoCloseable closeable : new AutoCloseable[] {first, second, receiver, broker, database}) {
            if (closeable != null) {
                closeable.close();
            }
        }
    }

    @Test
    void messages_taken_in_by_either_instance_reach_their_receiver_in_the_order_accepted() throws Exception {
        List<String> accepted = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            String stin = Examples.freshStin();
            assertThat(post(i % 2 == 0 ? first : second, stin).body()).containsPattern("\"code\"\\s*:\\s*\"ok\"");
            accepted.add(Examples.headerId(stin));
        }

        await().atMost(Duration.ofSeconds(120)).until(() -> receiver.received("/herlev").size() >= MESSAGES);
        Thread.sleep(2000);
        List<String> delivered = receiver.received("/herlev").stream().map(r -> Examples.headerId(r.body())).toList();
        assertThat(delivered).containsExactlyElementsOf(accepted);
    }

    private GatewayProcess instance(String name, Path partners) {
        List<String> arguments = new ArrayList<>(database.gatewayArguments());
        arguments.addAll(List.of(
                "--spring.artemis.mode=native",
                "--spring.artemis.embedded.enabled=false",
                "--spring.artemis.broker-url=(" + broker.url() + ")?ha=true&reconnectAttempts=-1",
                "--spring.artemis.user=" + ArtemisBroker.USER,
                "--spring.artemis.password=" + ArtemisBroker.PASSWORD,
                "--gateway.partners-file=" + partners,
                "--gateway.privacy.cpr-hash-key=shared-test-key-of-the-region",
                "--gateway.outage.detection.probe-interval=1s"));
        return new GatewayProcess(work.resolve(name), arguments, List.of("-Xmx1g"));
    }
}
