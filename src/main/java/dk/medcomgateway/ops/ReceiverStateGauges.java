package dk.medcomgateway.ops;

import dk.medcomgateway.routing.Partner;
import dk.medcomgateway.routing.PartnerDirectory;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * {@code gateway_receiver_state{receiver, state}}: 1 for the state the operations page shows for a receiver
 * ({@code up}, {@code held_by_outage}, {@code down_detected}), 0 for the other two; one series per partner of the
 * directory and state, so the alerts can tell a receiver held by an outage from one the gateway found down.
 * Read from memory (the receiver's circuit breaker and holds), per instance.
 */
@Component
public class ReceiverStateGauges {

    public static final String RECEIVER_STATE = "gateway.receiver.state";

    public ReceiverStateGauges(MeterRegistry registry, PartnerDirectory directory, OpsStatus status) {
        for (Partner receiver : directory.all()) {
            for (OpsStatus.State state : OpsStatus.State.values()) {
                Gauge.builder(RECEIVER_STATE, status, s -> s.state(receiver.id()) == state ? 1 : 0)
                        .description("1 for the receiver's state on the operations page (up, held_by_outage, down_detected), else 0")
                        .tag("receiver", receiver.id())
                        .tag("state", state.name())
                        .register(registry);
            }
        }
    }
}
