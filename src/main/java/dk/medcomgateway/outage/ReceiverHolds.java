package dk.medcomgateway.outage;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Which receivers are held: covered by an active outage, or with an open circuit breaker.
 *
 * The delivery route's first step waits here while its receiver is held. The message it holds
 * stays uncommitted at the head of the receiver's queue, so nothing is attempted, bounced or
 * dead-lettered, and the queue keeps its order; when the hold lifts the route goes on at once.
 */
@Component("receiverHolds")
public class ReceiverHolds {

    private static final Logger log = LoggerFactory.getLogger(ReceiverHolds.class);
    private static final long POLL_MS = 200;

    private final ReceiverBreakers breakers;
    private volatile Set<String> heldByOutage = Set.of();
    private final Set<String> waiting = ConcurrentHashMap.newKeySet();

    public ReceiverHolds(ReceiverBreakers breakers) {
        this.breakers = breakers;
    }

    public boolean isHeld(String partnerId) {
        return heldByOutage.contains(partnerId) || breakers.isOpen(partnerId);
    }

    /** Set by the outage service whenever the active outages change. */
    void holdOnly(Set<String> partnerIds) {
        heldByOutage = Set.copyOf(partnerIds);
    }

    /** Delivery route step: returns when the receiver may be sent to; gives the message back if the gateway stops. */
    public void awaitRelease(String partnerId, Exchange exchange) throws InterruptedException {
        if (!isHeld(partnerId)) {
            return;
        }
        if (waiting.add(partnerId)) {
            log.info("Holding delivery to {} until its outage ends", partnerId);
        }
        try {
            while (isHeld(partnerId)) {
                if (exchange.getContext().isStopping() || exchange.getContext().isStopped()) {
                    throw new ReceiverHeldException(partnerId);
                }
                Thread.sleep(POLL_MS);
            }
        } finally {
            if (waiting.remove(partnerId)) {
                log.info("Delivery to {} released", partnerId);
            }
        }
    }
}
