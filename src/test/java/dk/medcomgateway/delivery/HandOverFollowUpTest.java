package dk.medcomgateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dk.medcomgateway.message.MessageDelivered;
import dk.medcomgateway.support.Examples;
import dk.medcomgateway.support.GatewayTestBase;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.event.ApplicationEventMulticaster;

/**
 * A hand-over, its follow-ups and the receiver's answer are one commit; a follow-up that fails is rolled back to
 * its savepoint alone, and the hand-over, the rest of its trail and the receiver's acknowledgement stand.
 */
class HandOverFollowUpTest extends GatewayTestBase {

    @Autowired
    ApplicationEventMulticaster multicaster;

    @Test
    void a_failing_follow_up_is_rolled_back_alone_and_the_hand_over_and_the_receivers_answer_stand() {
        String stin = Examples.freshStin();
        String headerId = Examples.headerId(stin);
        AtomicInteger failed = new AtomicInteger();
        ApplicationListener<ApplicationEvent> failing = event -> {
            if (event instanceof PayloadApplicationEvent<?> p && p.getPayload() instanceof MessageDelivered delivered
                    && delivered.message().messageHeaderId().equals(headerId)) {
                jdbc.update("INSERT INTO message_event (message_id, at, step, detail) VALUES (?, CURRENT_TIMESTAMP, 'test-follow-up', ?)",
                        delivered.messageId(), "written, then the follow-up fails");
                failed.incrementAndGet();
                throw new IllegalStateException("a follow-up failing on purpose");
            }
        };
        multicaster.addApplicationListener(failing);
        try {
            assertThat(postJson(stin).ackCode()).isEqualTo("ok");
            awaitFinalised(headerId);
        } finally {
            multicaster.removeApplicationListener(failing);
        }

        assertThat(failed).as("the failing follow-up ran").hasValue(1);
        assertThat(deliveredCount(headerId)).as("handed over once, not again for the follow-up's failure").isEqualTo(1);
        assertThat(messageStatus(headerId)).isEqualTo("FINALISED");
        assertThat(trailSteps(headerId)).contains("delivered", "receiver-ack").doesNotContain("test-follow-up");
    }
}
