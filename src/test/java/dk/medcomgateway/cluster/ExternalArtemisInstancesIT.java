package dk.medcomgateway.cluster;

import static dk.medcomgateway.support.process.GatewayClient.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dk.medcomgateway.support.Examples;
import dk.medcomgateway.support.process.ArtemisBroker;
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
 * the order they were accepted, whichever instance took them in. Mid-stream the receiver refuses two
 * hand-overs, so the instance delivering waits out its retry back-off while more messages are queued:
 * without the receiver's message group (Dispatcher) the other instance would hand those over in the
 * meantime and the order would break (it does). Skipped without
 * PostgreSQL or without the broker distribution Maven unpacks before the *IT tests.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExternalArtemisInstancesIT {

    private static final int MESSAGES = 20;
    private static final int RECEIVER_REFUSES_AFTER = 6;

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path work;
    private ArtemisBroker broker;
    private TwoInstances instances;

    @BeforeAll
    void startBrokerAndTwoInstances() throws Exception {
        TwoInstances.assumePostgres();
        Assumptions.assumeTrue(ArtemisBroker.home() != null, "No Artemis distribution under target/artemis-broker (mvn verify unpacks it); skipping");
        broker = new ArtemisBroker(work.resolve("broker")).start(Duration.ofSeconds(90));
        instances = new TwoInstances(work, "external-artemis", List.of(
                "--spring.artemis.mode=native",
                "--spring.artemis.embedded.enabled=false",
                "--spring.artemis.broker-url=(" + broker.url() + ")?ha=true&reconnectAttempts=-1",
                "--spring.artemis.user=" + ArtemisBroker.USER,
                "--spring.artemis.password=" + ArtemisBroker.PASSWORD));
    }

    @AfterAll
    void stopAll() throws Exception {
        if (instances != null) {
            instances.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void messages_taken_in_by_either_instance_reach_their_receiver_in_the_order_accepted_while_one_is_retried() throws Exception {
        List<String> accepted = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            String stin = Examples.freshStin();
            assertThat(post(i % 2 == 0 ? instances.first : instances.second, stin).body()).containsPattern("\"code\"\\s*:\\s*\"ok\"");
            accepted.add(Examples.headerId(stin));
            if (i == RECEIVER_REFUSES_AFTER) {
                // retried after 2 s and 4 s (config/gateway.yaml): long enough for several more to be queued
                instances.receiver.answer("/herlev", 503, 503);
            }
        }

        await().atMost(Duration.ofSeconds(120)).until(() -> instances.receiver.received("/herlev").size() >= MESSAGES);
        Thread.sleep(2000);
        List<String> delivered = instances.receiver.received("/herlev").stream().map(r -> Examples.headerId(r.body())).toList();
        assertThat(delivered).containsExactlyElementsOf(accepted);
    }
}
