package dk.medcomgateway.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dk.medcomgateway.config.GatewayProperties;
import dk.medcomgateway.support.GatewayTestBase;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A request the intake cannot finish within gateway.intake.answer-within (here a sender whose body
 * stalls half-way) is answered 503 with a transient-error OperationOutcome, not left hanging and
 * not Spring's own timeout page.
 */
class IntakeAnswerTimeoutTest extends GatewayTestBase {

    @Autowired
    GatewayProperties properties;

    @Test
    void a_message_still_unfinished_after_answer_within_gets_503_transient_error() throws Exception {
        Duration answerWithin = properties.intake().answerWithin();
        long started = System.nanoTime();
        String answer;
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout((int) answerWithin.multipliedBy(3).toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(("POST /fhir/$process-message HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + basic(PARTNER)
                    + "\r\nContent-Type: application/fhir+json\r\nContent-Length: 1000\r\nConnection: close\r\n\r\n"
                    + "{\"resourceType\":\"Bundle\",").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // ... and the rest of the body never comes.
            InputStream in = socket.getInputStream();
            answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        System.out.printf("Stalled body answered after %d ms: %s%n", took.toMillis(), answer.lines().findFirst().orElse(""));

        assertThat(answer).startsWith("HTTP/1.1 503").contains("OperationOutcome").contains("transient");
        assertThat(took).isGreaterThanOrEqualTo(answerWithin).isLessThan(answerWithin.multipliedBy(2));
    }
}
