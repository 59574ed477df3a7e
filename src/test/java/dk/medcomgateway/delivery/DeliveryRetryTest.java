package dk.medcomgateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dk.medcomgateway.support.Examples;
import dk.medcomgateway.support.GatewayTestBase;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jms.core.JmsTemplate;

/** A slow or failing receiver: retried with back-off, then dead-lettered, never lost. */
class DeliveryRetryTest extends GatewayTestBase {

    @Autowired
    JmsTemplate jms;

    @Test
    void a_receiver_answering_503_three_times_then_200_gets_the_message_once_and_the_trail_shows_the_attempts() {
        RECEIVER.answer("/flaky", 503, 503, 503);
        String json = Examples.addressedTo(Examples.freshStin(), FLAKY_SOR);
        String headerId = Examples.headerId(json);

        assertThat(postJson(json).ackCode()).isEqualTo("ok");

        awaitFinalised(headerId);
        assertThat(deliveredCount(headerId)).isEqualTo(1);
        assertThat(trailSteps(headerId)).containsSubsequence("received", "accepted", "queued",
                "attempt-failed", "attempt-failed", "attempt-failed", "delivered", "receiver-ack");
        assertThat(get("/api/messages/" + headerId)).startsWith("200").contains("HTTP 503").contains("FINALISED");
        // Both acknowledgement documents are kept: the gateway's to the sender and the receiver's.
        String acks = api("GET", "/api/messages/" + headerId + "/acks", null, SUPPORT);
        assertThat(acks).startsWith("200").contains("\"partnerId\":null").contains("\"partnerId\":\"" + FLAKY_SOR + "\"")
                .contains("acknowledgement-message").contains(headerId);
        assertThat(api("GET", "/api/messages/" + headerId + "/acks", null, PARTNER)).startsWith("403");
    }

    @Test
    void a_message_the_receiver_keeps_failing_past_the_retry_budget_is_dead_lettered_and_the_next_one_goes_on() {
        String first = Examples.addressedTo(Examples.freshStin(), BROKEN_SOR);
        String second = Examples.addressedTo(Examples.freshStin(), BROKEN_SOR);

        assertThat(postJson(first).ackCode()).isEqualTo("ok");
        assertThat(postJson(second).ackCode()).isEqualTo("ok");

        // Both reach the dead-letter queue: the first one did not block the second behind it.
        await().atMost(Duration.ofSeconds(30)).until(() -> "DEAD_LETTERED".equals(messageStatus(Examples.headerId(second))));
        assertThat(messageStatus(Examples.headerId(first))).isEqualTo("DEAD_LETTERED");
        assertThat(trailSteps(Examples.headerId(first))).endsWith("dead-lettered", "case-opened");
        assertThat(get("/api/cases")).contains("dead-lettered");
        jms.setReceiveTimeout(2000);
        assertThat(jms.receive("delivery." + BROKEN_SOR + ".DLQ")).isNotNull();
        assertThat(jms.receive("delivery." + BROKEN_SOR + ".DLQ")).isNotNull();
        assertThat(deliveredCount(Examples.headerId(first))).isZero();
    }
}
