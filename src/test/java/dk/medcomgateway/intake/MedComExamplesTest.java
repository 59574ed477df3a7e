package dk.medcomgateway.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dk.medcomgateway.support.Examples;
import dk.medcomgateway.support.GatewayTestBase;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** MedCom's own example messages, as a regional integration engine would send them. */
class MedComExamplesTest extends GatewayTestBase {

    static Stream<Arguments> messages() {
        return Examples.jsonBundles().stream().filter(f -> !Examples.isAcknowledgement(Examples.read(f)))
                .flatMap(f -> Stream.of(Arguments.of(f, "json"), Arguments.of(f, "xml")));
    }

    static Stream<String> acknowledgements() {
        return Examples.jsonBundles().stream().filter(f -> Examples.isAcknowledgement(Examples.read(f)));
    }

    // Each with ids of its own, so four at a time: one alone mostly waits for its delivery.
    @Execution(ExecutionMode.CONCURRENT)
    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("messages")
    void every_example_message_is_acknowledged_ok_and_delivered_exactly_once(String file, String format) {
        String json = Examples.read(file);
        // The JSON run sends the example as published; the XML run is the same message converted by
        // HAPI, with fresh ids so it is a new message rather than a duplicate of the JSON one.
        String message = format.equals("json") ? json : Examples.fresh(json);
        String headerId = Examples.headerId(message);
        String body = format.equals("json") ? message : Examples.toXml(message);

        Reply reply = post(body, format.equals("json") ? "application/fhir+json" : "application/fhir+xml");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).contains(format);
        assertThat(reply.ackCode()).as(reply.body()).isEqualTo("ok");
        assertThat(reply.respondsTo()).isEqualTo(headerId);
        awaitFinalised(headerId);
        assertThat(deliveredCount(headerId)).isEqualTo(1);
        assertThat(RECEIVER.containing("\"" + headerId + "\"").get(0).path()).isEqualTo(expectedReceiver(json));
    }

    /** The SOR code in the example's destination endpoint; MedCom's empty-message example names it only on its receiver Organization. */
    private static String expectedReceiver(String json) {
        Matcher endpoint = Pattern.compile("sor2\\.sum\\.dsdn\\.dk/#id=(\\d+)\"").matcher(json);
        String destinationSor = endpoint.find() ? endpoint.group(1) : null; // destination precedes source in the JSON
        return RECEIVER_PATHS.get(json.contains("\"empty-message\"") ? "543210987654321" : destinationSor);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("acknowledgements")
    void an_example_acknowledgement_is_recorded_but_neither_acknowledged_nor_delivered(String file) {
        String json = Examples.read(file);
        String headerId = Examples.headerId(json);

        Reply reply = postJson(json);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).contains("OperationOutcome").doesNotContain("acknowledgement-message");
        sleep(500);
        assertThat(deliveredCount(headerId)).isZero();
        assertThat(messageStatus(headerId)).isNull();
    }
}
