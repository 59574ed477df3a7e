package dk.medcomgateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dk.medcomgateway.GatewayApplication;
import dk.medcomgateway.support.Examples;
import dk.medcomgateway.support.GatewayTestBase;
import dk.medcomgateway.support.TestReceiver;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The gateway is stopped while messages wait for a receiver that is down, and started again on
 * the same data dir: when the receiver is back, every message arrives, in order, once.
 */
class RestartWithQueuedMessagesTest {

    private static final String HERLEV = "/herlev";

    @Test
    void messages_queued_for_a_down_receiver_survive_a_restart_and_are_delivered_once_in_order() throws Exception {
        Path dataDir = Path.of("target", "test-data", "restart-" + UUID.randomUUID()).toAbsolutePath();
        Files.createDirectories(dataDir);
        try (TestReceiver receiver = new TestReceiver()) {
            receiver.defaultStatus(HERLEV, 503);
            receiver.respondWith(r -> GatewayTestBase.receiverAck(r.body()));
            Path partners = dataDir.resolve("partners.yaml");
            Files.writeString(partners, GatewayTestBase.partnersYaml(receiver));

            List<String> sent = new ArrayList<>();
            String[] firstMessage = new String[1];
            try (ConfigurableApplicationContext gateway = start(dataDir, partners)) {
                int port = gateway.getEnvironment().getProperty("local.server.port", Integer.class);
                for (int i = 0; i < 5; i++) {
                    String json = Examples.freshStin();
                    sent.add(Examples.headerId(json));
                    if (i == 0) {
                        firstMessage[0] = json;
                    }
                    assertThat(GatewayTestBase.ackCodeOf(post(port, json))).isEqualTo("ok");
                }
                JdbcTemplate jdbc = gateway.getBean(JdbcTemplate.class);
                await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.queryForObject(
                        "SELECT COUNT(*) FROM message_event WHERE step = 'attempt-failed'", Integer.class) > 0);
            }
            assertThat(receiver.received(HERLEV)).isEmpty();

            try (ConfigurableApplicationContext gateway = start(dataDir, partners)) {
                receiver.defaultStatus(HERLEV, 200);
                JdbcTemplate jdbc = gateway.getBean(JdbcTemplate.class);
                await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject(
                        "SELECT COUNT(*) FROM message WHERE status = 'FINALISED'", Integer.class) == sent.size());
                // The duplicate store survived the restart too: a resend is answered ok and not delivered again.
                int port = gateway.getEnvironment().getProperty("local.server.port", Integer.class);
                assertThat(GatewayTestBase.ackCodeOf(post(port, Examples.newBundleId(firstMessage[0])))).isEqualTo("ok");
                Thread.sleep(1000);
            }

            List<String> arrived = receiver.received(HERLEV).stream().map(r -> Examples.headerId(r.body())).toList();
            assertThat(arrived).containsExactlyElementsOf(sent);
        }
    }

    private static ConfigurableApplicationContext start(Path dataDir, Path partners) {
        return new SpringApplicationBuilder(GatewayApplication.class).run(
                "--server.port=0",
                "--gateway.data-dir=" + dataDir,
                "--gateway.partners-file=" + partners,
                "--gateway.delivery.maximum-redeliveries=1000",
                "--gateway.delivery.redelivery-delay-ms=200",
                "--gateway.delivery.back-off-multiplier=1.0",
                "--camel.main.shutdown-timeout=3");
    }

    private static String post(int port, String json) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/fhir/$process-message"))
                .header("Content-Type", "application/fhir+json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
    }
}
