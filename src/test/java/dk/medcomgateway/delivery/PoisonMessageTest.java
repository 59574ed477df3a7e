package dk.medcomgateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dk.medcomgateway.support.Examples;
import dk.medcomgateway.support.GatewayTestBase;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A message its receiver always refuses (HTTP 400) must not stop the receiver's queue. */
class PoisonMessageTest extends GatewayTestBase {

    @Test
    void a_message_the_receiver_always_answers_400_is_dead_lettered_after_its_budget_and_the_messages_behind_it_are_delivered() {
        String poison = Examples.addressedTo(Examples.freshStin(), POISON_SOR);
        String poisonId = Examples.headerId(poison);
        RECEIVER.reject(poisonId, 400);
        List<String> behind = IntStream.range(0, 5).mapToObj(i -> Examples.addressedTo(Examples.freshStin(), POISON_SOR)).toList();

        assertThat(postJson(poison).ackCode()).isEqualTo("ok");
        behind.forEach(message -> assertThat(postJson(message).ackCode()).isEqualTo("ok"));

        await().atMost(Duration.ofSeconds(30)).until(() -> "DEAD_LETTERED".equals(messageStatus(poisonId)));
        behind.forEach(message -> awaitFinalised(Examples.headerId(message)));
        // Delivered and acknowledged by the receiver (a second copy would only be the MedCom resend after the tests'
        // 1.5 s acknowledgement timeout, which a loaded machine can overrun).
        assertThat(behind).allSatisfy(message -> assertThat(deliveredCount(Examples.headerId(message))).isPositive());
        assertThat(deliveredCount(poisonId)).isZero();
        assertThat(trailSteps(poisonId)).contains("attempt-failed").endsWith("dead-lettered", "case-opened");
        assertThat(get("/api/messages/" + poisonId)).contains("HTTP 400");
    }
}
