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
// Not beside the shared gateway's tests: it starts Spring applications of its own, and Spring Boot sets up the JVM's one
// logging context at each start; two starts at once made one fail ("Unable to find Spring Environment in logger context").
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

    @Test
    void messages_held_by_a_planned_outage_stay_held_across_a_restart_and_are_delivered_once_after_it_is_resolved() throws Exception {
        Path dataDir = Path.of("target", "test-data", "restart-outage-" + UUID.randomUUID()).toAbsolutePath();
        Files.createDirectories(dataDir);
        try (TestReceiver receiver = new TestReceiver()) {
            receiver.respondWith(r -> GatewayTestBase.receiverAck(r.body()));
            Path partners = dataDir.resolve("partners.yaml");
            Files.writeString(partners, GatewayTestBase.partnersYaml(receiver));
            List<String> sent = new ArrayList<>();
            String outageId;
            try (ConfigurableApplicationContext gateway = start(dataDir, partners)) {
                int port = gateway.getEnvironment().getProperty("local.server.port", Integer.class);
                java.time.LocalDateTime now = java.time.LocalDateTime.now().withNano(0);
                String outage = call(port, "POST", "/api/outages", """
                        {"kind": "planned", "cause": "Restart test", "affectedPartners": ["953741000016009"],
                         "start": "%s", "expectedEnd": "%s", "contact": {"name": "Ops", "phone": "1"}}"""
                        .formatted(now.minusMinutes(1), now.plusHours(1)));
                outageId = outage.replaceAll("(?s).*?\"id\":(\\d+).*", "$1");
                for (int i = 0; i < 3; i++) {
                    String json = Examples.freshStin();
                    sent.add(Examples.headerId(json));
                    assertThat(GatewayTestBase.ackCodeOf(post(port, json))).isEqualTo("ok");
                }
                Thread.sleep(1000);
            }
            try (ConfigurableApplicationContext gateway = start(dataDir, partners)) {
                int port = gateway.getEnvironment().getProperty("local.server.port", Integer.class);
                Thread.sleep(2000);
                assertThat(receiver.received(HERLEV)).as("still held after the restart").isEmpty();

                assertThat(call(port, "POST", "/api/outages/" + outageId + "/resolve", "{}")).contains("\"status\":\"resolved\"");

                JdbcTemplate jdbc = gateway.getBean(JdbcTemplate.class);
                await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                        "SELECT COUNT(*) FROM message WHERE status = 'FINALISED'", Integer.class) == sent.size());
                Thread.sleep(500);
            }
            assertThat(receiver.received(HERLEV).stream().map(r -> Examples.headerId(r.body())).toList()).containsExactlyElementsOf(sent);
        }
    }

    private static String call(int port, String method, String path, String json) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json").header("Authorization", GatewayTestBase.basic(GatewayTestBase.ADMIN))
                .method(method, HttpRequest.BodyPublishers.ofString(json)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    private static ConfigurableApplicationContext start(Path dataDir, Path partners) {
        return new SpringApplicationBuilder(GatewayApplication.class).run(
                "--server.port=0",
                "--gateway.data-dir=" + dataDir,
                "--gateway.partners-file=" + partners,
                "--gateway.users-file=" + users(partners.getParent()),
                "--gateway.delivery.maximum-redeliveries=1000",
                "--gateway.delivery.redelivery-delay-ms=200",
                "--gateway.delivery.back-off-multiplier=1.0",
                "--camel.main.shutdown-timeout=3");
    }

    private static Path users(Path dir) {
        try {
            return Files.writeString(dir.resolve("users.yaml"), GatewayTestBase.usersYaml());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String post(int port, String json) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/fhir/$process-message"))
                .header("Content-Type", "application/fhir+json").header("Authorization", GatewayTestBase.basic(GatewayTestBase.PARTNER)).POST(HttpRequest.BodyPublishers.ofString(json)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
    }
}
