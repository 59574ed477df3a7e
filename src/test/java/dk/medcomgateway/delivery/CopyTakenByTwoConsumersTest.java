package dk.medcomgateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dk.medcomgateway.support.Examples;
import dk.medcomgateway.support.GatewayTestBase;
import jakarta.jms.Message;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jms.core.JmsTemplate;

/**
 * When a consumer's session is closed under it (the broker stopping on a critical I/O error, a fail-over), the broker
 * gives the copy it was handing over to another consumer of the receiver's queue at once. The copy still reaches the
 * receiver once. Here the second queue message is sent by hand, in a message group of its own, so another consumer
 * takes it while the receiver is still answering the first.
 */
class CopyTakenByTwoConsumersTest extends GatewayTestBase {

    @Autowired
    JmsTemplate jms;
    @Autowired
    HandOversInFlight inFlight;

    @Test
    void a_copy_a_second_consumer_takes_while_the_first_hands_it_over_reaches_the_receiver_once() {
        String json = Examples.freshStin();
        String headerId = Examples.headerId(json);
        RECEIVER.delayAnswersTo(headerId, Duration.ofSeconds(2));
        try {
            assertThat(postJson(json).ackCode()).isEqualTo("ok");
            await().atMost(Duration.ofSeconds(20)).until(() -> deliveredCount(headerId) == 1); // the receiver is answering
            String[] copy = jdbc.queryForObject("SELECT d.id, dl.partner_id FROM dispatch d JOIN delivery dl ON dl.id = d.delivery_id"
                    + " JOIN message m ON m.id = dl.message_id WHERE m.message_header_id = ?",
                    (row, i) -> new String[] {row.getString(1), row.getString(2)}, headerId);
            jms.send("delivery." + copy[1], session -> {
                Message message = session.createMessage();
                message.setStringProperty(Dispatcher.DISPATCH_ID, copy[0]);
                message.setStringProperty("JMSXGroupID", "another consumer");
                return message;
            });

            awaitFinalised(headerId);
            sleep(2500); // as long as a second hand-over, were one under way, takes the receiver to answer
            assertThat(deliveredCount(headerId)).isEqualTo(1);
            await().atMost(Duration.ofSeconds(5)).until(() -> inFlight.size() == 0);
        } finally {
            RECEIVER.delayAnswersTo(headerId, Duration.ZERO);
        }
    }
}
