package dk.medcomgateway.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dk.medcomgateway.support.Examples;
import dk.medcomgateway.support.TestReceiver;
import dk.medcomgateway.support.process.GatewayProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/** The packaged gateway killed with SIGKILL keeps what it acknowledged and delivers it once after the restart. */
class PackagedGatewayRestartIT {

    private static final String RECEIVER_SOR = "953741000016009";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path work;
    private TestReceiver receiver;
    private GatewayProcess gateway;

    @BeforeEach
    void start() throws Exception {
        receiver = new TestReceiver();
        Path partners = work.resolve("partners.yaml");
        Files.writeString(partners, """
                partners:
                  - name: Plejecenter Herlev
                    sor: "%s"
                    delivery:
                      url: %s
                """.formatted(RECEIVER_SOR, receiver.url("/herlev")));
        gateway = new GatewayProcess(work, List.of("--gateway.partners-file=" + partners,
                "--gateway.delivery.redelivery-delay-ms=200", "--gateway.delivery.maximum-redelivery-delay-ms=1000",
                "--gateway.delivery.maximum-redeliveries=1000",
                "--gateway.outage.detection.probe-interval=1s"), List.of("-Xmx1g"));
    }

    @AfterEach
    void stop() {
        gateway.close();
        receiver.close();
    }

    @Test
    void acknowledged_message_survives_a_kill_and_is_delivered_once_after_restart() throws Exception {
        gateway.start(Duration.ofMinutes(4));
        receiver.defaultStatus("/herlev", 503);
        String stin = Examples.freshStin();

        assertThat(post(stin).body()).containsPattern("\"code\"\\s*:\\s*\"ok\"");
        gateway.kill();

        receiver.defaultStatus("/herlev", 200);
        gateway.start(Duration.ofMinutes(4));
        String headerId = Examples.headerId(stin);
        await().atMost(Duration.ofSeconds(60)).until(() -> receiver.containing(headerId).size() == 1);

        // The sender, not sure its first try got through, sends it again: same answer, no second delivery.
        assertThat(post(Examples.newBundleId(stin)).body()).containsPattern("\"code\"\\s*:\\s*\"ok\"");
        Thread.sleep(2000);
        assertThat(receiver.containing(headerId)).hasSize(1);
    }

    private HttpResponse<String> post(String json) throws Exception {
        String credentials = Base64.getEncoder().encodeToString("regional-engine:engine-demo".getBytes(StandardCharsets.UTF_8));
        return HTTP.send(HttpRequest.newBuilder(URI.create(gateway.url("/fhir/$process-message")))
                .header("Authorization", "Basic " + credentials)
                .header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
