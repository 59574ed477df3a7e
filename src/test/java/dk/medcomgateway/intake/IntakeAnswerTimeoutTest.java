package dk.medcomgateway.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dk.medcomgateway.config.GatewayProperties;
import dk.medcomgateway.support.Examples;
import dk.medcomgateway.support.GatewayTestBase;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.coyote.AbstractProtocol;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.embedded.tomcat.TomcatWebServer;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;

/**
 * A sender whose body stalls half-way is answered 408 Request Timeout by the web server's read timeout
 * (the intake gate reads bodies whole before a route sees them), not left hanging; and it cannot
 * disturb the requests after it. The stalled body was once read on by a route thread after its
 * request had been answered, from the connection the web server then gave the next request, whose
 * body it took.
 *
 * <p>The web server reads with {@code gateway.intake.answer-within} as its timeout, 30 s by default. The test checks
 * that, then shortens it to {@link #READ_TIMEOUT} for its own connections: the shared test gateway would otherwise idle
 * the suite for half a minute.
 */
class IntakeAnswerTimeoutTest extends GatewayTestBase {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(3);

    @Autowired
    GatewayProperties properties;
    @Autowired
    ServletWebServerApplicationContext web;

    @Test
    void a_stalled_body_is_answered_408_and_the_messages_after_it_are_untouched() throws Exception {
        AbstractProtocol<?> http = (AbstractProtocol<?>) ((TomcatWebServer) web.getWebServer()).getTomcat().getConnector().getProtocolHandler();
        assertThat(Duration.ofMillis(http.getConnectionTimeout())).as("the web server's read timeout is answer-within")
                .isEqualTo(properties.intake().answerWithin());
        http.setConnectionTimeout((int) READ_TIMEOUT.toMillis());
        try {
            stalledBodyThenMessages(READ_TIMEOUT);
        } finally {
            http.setConnectionTimeout((int) properties.intake().answerWithin().toMillis());
        }
    }

    private void stalledBodyThenMessages(Duration answerWithin) throws Exception {
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
            answer = readAnswer(socket.getInputStream());
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        System.out.printf("Stalled body answered after %d ms: %s%n", took.toMillis(), answer.lines().findFirst().orElse(""));

        assertThat(answer).startsWith("HTTP/1.1 408").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(took).as("answered within the read timeout, not after waiting as long again").isLessThan(answerWithin.multipliedBy(2));

        for (int i = 0; i < 5; i++) {
            String json = Examples.freshStin();
            String xml = Examples.toXml(json);
            assertThat(postJson(json).ackCode()).as("a JSON message after the stalled one").isEqualTo("ok");
            assertThat(post(xml, "application/fhir+xml").ackCode()).as("an XML message after the stalled one").isEqualTo("ok");
        }
    }

    /**
     * The HTTP answer, read as a client reads it: to the end of its body, not to the end of the connection, which the
     * web server closes only after waiting as long again for the rest of the request body.
     */
    private static String readAnswer(InputStream in) throws IOException {
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            read.write(b);
            String sofar = read.toString(StandardCharsets.UTF_8);
            int head = sofar.indexOf("\r\n\r\n");
            if (head >= 0 && (sofar.endsWith("\r\n0\r\n\r\n") || complete(sofar, head))) {
                break;
            }
        }
        return read.toString(StandardCharsets.UTF_8);
    }

    private static boolean complete(String answer, int head) {
        Matcher length = Pattern.compile("(?im)^Content-Length: *(\\d+)").matcher(answer.substring(0, head));
        return length.find() && answer.length() - head - 4 >= Integer.parseInt(length.group(1));
    }
}
