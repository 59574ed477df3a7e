package dk.medcomgateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dk.medcomgateway.message.MessageDelivered;
import dk.medcomgateway.metrics.GatewayMetrics;
import dk.medcomgateway.support.Examples;
import dk.medcomgateway.support.GatewayTestBase;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.core.Ordered;

/** A feature following deliveries that fails cannot undo a hand-over the ledger has recorded. */
class DeliveryFollowUpFailureTest extends GatewayTestBase {

    @Autowired
    ConfigurableApplicationContext context;

    @Autowired
    MeterRegistry meters;

    private final List<ApplicationListener<?>> added = new CopyOnWriteArrayList<>();

    @AfterEach
    void removeListeners() {
        added.forEach(context::removeApplicationListener);
    }

    @Test
    void a_delivery_listener_that_throws_leaves_the_message_delivered_once_and_the_other_listeners_run() {
        String json = Examples.freshStin();
        String headerId = Examples.headerId(json);
        List<String> seenAfterTheFailure = new CopyOnWriteArrayList<>();
        listen(Ordered.HIGHEST_PRECEDENCE, delivered -> {
            if (delivered.message().messageHeaderId().equals(headerId)) {
                throw new IllegalStateException("tracking store unavailable for 0101701234");
            }
        });
        listen(Ordered.LOWEST_PRECEDENCE, delivered -> seenAfterTheFailure.add(delivered.message().messageHeaderId()));
        double failuresBefore = failures();

        assertThat(postJson(json).ackCode()).isEqualTo("ok");

        awaitFinalised(headerId);
        assertThat(deliveredCount(headerId)).isEqualTo(1);
        assertThat(trailSteps(headerId)).contains("delivered", "receiver-ack").doesNotContain("attempt-failed", "dead-lettered");
        assertThat(seenAfterTheFailure).containsOnlyOnce(headerId);
        assertThat(failures()).isEqualTo(failuresBefore + 1);
    }

    private void listen(int order, Consumer<MessageDelivered> action) {
        ApplicationListener<PayloadApplicationEvent<?>> listener = new OrderedDeliveredListener(order, action);
        context.addApplicationListener(listener);
        added.add(listener);
    }

    private double failures() {
        Counter counter = meters.find(GatewayMetrics.DELIVERY_FOLLOWUPS_FAILED).counter();
        return counter == null ? 0 : counter.count();
    }

    private record OrderedDeliveredListener(int order, Consumer<MessageDelivered> action)
            implements ApplicationListener<PayloadApplicationEvent<?>>, Ordered {

        @Override
        public void onApplicationEvent(PayloadApplicationEvent<?> event) {
            if (event.getPayload() instanceof MessageDelivered delivered) {
                action.accept(delivered);
            }
        }

        @Override
        public int getOrder() {
            return order;
        }
    }
}
