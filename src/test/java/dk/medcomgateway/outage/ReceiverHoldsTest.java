package dk.medcomgateway.outage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dk.medcomgateway.support.MutableClock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Which messages drain at the drain rate: the backlog of a hold, and nothing after it. */
class ReceiverHoldsTest {

    private final ReceiverHolds holds = new ReceiverHolds(new ReceiverBreakers(new OutageProperties(Duration.ofHours(2),
            Duration.ofHours(1), Duration.ZERO, 10, 15000, new OutageProperties.Detection(5, Duration.ofMinutes(10),
            Duration.ofMinutes(1))), event -> { }, new MutableClock(ZoneId.of("Europe/Copenhagen"))));
    private final CamelContext camel = new DefaultCamelContext();

    @BeforeEach
    void startCamel() {
        camel.start(); // a held route gives its message back when Camel stops
    }

    @AfterEach
    void stopCamel() {
        camel.stop();
    }

    private Exchange queuedAt(long epochMillis) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.getMessage().setHeader("JMSTimestamp", epochMillis);
        return exchange;
    }

    @Test
    void a_receiver_never_held_has_no_backlog() throws Exception {
        Exchange message = queuedAt(System.currentTimeMillis());
        holds.awaitRelease("a", message);

        assertThat(holds.isBacklog("a", message)).isFalse();
    }

    @Test
    void messages_queued_during_a_hold_are_its_backlog_until_the_first_message_queued_after_it() throws Exception {
        holds.holdOnly(Set.of("a"));
        Exchange head = queuedAt(System.currentTimeMillis());
        CompletableFuture<Void> released = CompletableFuture.runAsync(() -> {
            try {
                holds.awaitRelease("a", head);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(300);
        assertThat(released).as("held while the outage lasts").isNotDone();
        long queuedDuringHold = System.currentTimeMillis();

        holds.holdOnly(Set.of());
        await().atMost(Duration.ofSeconds(5)).until(released::isDone);
        Thread.sleep(5);

        assertThat(holds.isBacklog("a", head)).isTrue();
        assertThat(holds.isBacklog("a", queuedAt(queuedDuringHold))).isTrue();
        assertThat(holds.isBacklog("b", queuedAt(queuedDuringHold))).as("another receiver").isFalse();
        assertThat(holds.isBacklog("a", queuedAt(System.currentTimeMillis()))).as("queued after the hold lifted").isFalse();
        assertThat(holds.isBacklog("a", queuedAt(queuedDuringHold))).as("the backlog has ended").isFalse();
    }
}
