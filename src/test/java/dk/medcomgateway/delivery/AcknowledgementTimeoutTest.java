package dk.medcomgateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dk.medcomgateway.support.Examples;
import dk.medcomgateway.support.GatewayTestBase;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** MedCom reliable messaging: a delivered message that is never acknowledged is resent, then raised. */
class AcknowledgementTimeoutTest extends GatewayTestBase {

    @Test
    void an_unacknowledged_message_is_resent_with_a_new_bundle_id_at_most_twice_then_a_support_case_is_opened() {
        String json = Examples.addressedTo(Examples.freshStin(), SILENT_SOR);
        String headerId = Examples.headerId(json);

        assertThat(postJson(json).ackCode()).isEqualTo("ok");

        await().atMost(Duration.ofSeconds(30)).until(() -> "UNACKNOWLEDGED".equals(messageStatus(headerId)));
        List<String> copies = RECEIVER.containing("\"" + headerId + "\"").stream().map(r -> r.body()).toList();
        assertThat(copies).hasSize(3);
        Set<String> bundleIds = copies.stream().map(Examples::bundleId).collect(Collectors.toSet());
        assertThat(bundleIds).hasSize(3);
        assertThat(copies).allSatisfy(c -> assertThat(Examples.headerId(c)).isEqualTo(headerId));
        assertThat(trailSteps(headerId)).containsSubsequence("delivered", "resent", "delivered", "resent", "delivered", "case-opened");
        assertThat(get("/api/cases")).contains("no-acknowledgement");
    }

    @Test
    void an_acknowledgement_arriving_for_a_delivered_message_finalises_it_and_stops_the_resends() {
        String json = Examples.addressedTo(Examples.freshStin(), SILENT_SOR);
        String headerId = Examples.headerId(json);
        assertThat(postJson(json).ackCode()).isEqualTo("ok");
        await().atMost(Duration.ofSeconds(10)).until(() -> deliveredCount(headerId) == 1);

        Reply reply = postJson(receiverAck(RECEIVER.containing("\"" + headerId + "\"").get(0).body()));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).contains("Acknowledgement recorded");
        assertThat(messageStatus(headerId)).isEqualTo("FINALISED");
        sleep(2500);
        assertThat(deliveredCount(headerId)).isEqualTo(1);
    }
}
