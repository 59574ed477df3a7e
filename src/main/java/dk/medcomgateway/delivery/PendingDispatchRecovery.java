package dk.medcomgateway.delivery;

import dk.medcomgateway.broker.EmbeddedBrokerWatch;
import dk.medcomgateway.config.GatewayProperties;
import dk.medcomgateway.ledger.DeliveryLedger;
import dk.medcomgateway.ledger.MessageLedger;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Queues stored copies that never reached their receiver's queue (run by routes/dispatch-recovery.yaml). */
@Component("pendingDispatchRecovery")
public class PendingDispatchRecovery {

    private static final Logger log = LoggerFactory.getLogger(PendingDispatchRecovery.class);

    private final DeliveryLedger deliveries;
    private final Dispatcher dispatcher;
    private final EmbeddedBrokerWatch broker;
    private final long requeueAfterMs;

    public PendingDispatchRecovery(DeliveryLedger deliveries, Dispatcher dispatcher, EmbeddedBrokerWatch broker, GatewayProperties properties) {
        this.deliveries = deliveries;
        this.dispatcher = dispatcher;
        this.broker = broker;
        this.requeueAfterMs = properties.delivery().requeueAfterMs();
    }

    public int requeue() {
        if (broker.isEmbeddedBrokerDown()) {
            return 0; // queued once the broker is started again
        }
        var pending = deliveries.unqueuedBefore(OffsetDateTime.now(ZoneOffset.UTC).minusNanos(requeueAfterMs * 1_000_000));
        for (DeliveryLedger.Dispatch dispatch : pending) {
            log.info("Queueing stored message {} for {} that had not reached its queue", dispatch.messageHeaderId(), dispatch.partnerId());
            dispatcher.enqueue(dispatch);
        }
        return pending.size();
    }
}
