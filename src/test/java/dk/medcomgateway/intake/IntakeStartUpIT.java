package dk.medcomgateway.intake;

import static dk.medcomgateway.support.process.GatewayClient.post;
import static org.assertj.core.api.Assertions.assertThat;

import dk.medcomgateway.support.Examples;
import dk.medcomgateway.support.TestReceiver;
import dk.medcomgateway.support.process.GatewayProcess;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged gateway, watched from the moment its process starts: while the web server listens
 * but the intake routes are not running yet, a message is answered 503 with a transient-error
 * OperationOutcome (the sender tries again), never 404 or another error a sender takes as final. Once the
 * health endpoint answers UP, the intake takes messages: a load balancer or a sender that waits for UP is
 * not turned away.
 */
class IntakeStartUpIT {

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path work;
    private TestReceiver receiver;
    private GatewayProcess gateway;

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = new TestReceiver();
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        receiver.close();
    }

    @Test
    void a_message_posted_during_start_up_gets_503_transient_error_until_the_intake_runs_then_ok() throws Exception {
        gateway = GatewayProcess.deliveringTo(receiver.url("/herlev"), work, "intake-start-up", List.of()).launch();
        String stin = Examples.freshStin();
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> wrong = new ArrayList<>();
        int notListening = 0;
        Instant deadline = Instant.now().plus(Duration.ofMinutes(4));
        HttpResponse<String> answer = null;
        boolean healthy = false;
        while (Instant.now().isBefore(deadline) && gateway.isAlive()) {
            try {
                healthy = healthy || gateway.isHealthy();
                answer = post(gateway, stin);
            } catch (IOException e) {
                notListening++;
                Thread.sleep(50);
                continue;
            }
            statuses.merge(answer.statusCode(), 1, Integer::sum);
            if (answer.statusCode() == 200) {
                break;
            }
            if (answer.statusCode() != 503 || !answer.body().contains("OperationOutcome") || !answer.body().contains("transient")) {
                wrong.add(answer.statusCode() + " " + answer.body());
            } else if (healthy) {
                wrong.add("503 after /actuator/health had answered UP: " + answer.body());
            }
            Thread.sleep(20);
        }
        System.out.printf("Start-up: %d tries before the gateway listened, then answers %s%n", notListening, statuses);

        assertThat(wrong).as("answers other than 503 transient-error during start-up").isEmpty();
        assertThat(answer).isNotNull();
        assertThat(answer.body()).containsPattern("\"code\"\\s*:\\s*\"ok\"");
        assertThat(statuses).as("the gateway listened before its intake ran, and said so").containsKey(503);
    }
}
