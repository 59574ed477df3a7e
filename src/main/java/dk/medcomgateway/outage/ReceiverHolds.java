package dk.medcomgateway.outage;

import java.util.Map;
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
 * The messages that built up during the hold are its backlog: the route sends them at the drain
 * rate, so a receiver that is back is not flooded; messages queued after the hold lifted are not throttled.
 */
@Component("receiverHolds")
public class ReceiverHolds {

    private static final Logger log = LoggerFactory.getLogger(ReceiverHolds.class);
    private static final long POLL_MS = 200;

    private final ReceiverBreakers breakers;
    private volatile Set<String> heldByOutage = Set.of();
    private final Set<String> waiting = ConcurrentHashMap.newKeySet();
    /** Per receiver: when its last hold lifted (epoch ms, the broker's JMSTimestamp clock), while its backlog drains. */
    private final Map<String, Long> releasedAt = new ConcurrentHashMap<>();

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
        releasedAt.put(partnerId, System.currentTimeMillis());
    }

    /**
     * Delivery route: whether this message is part of the backlog of the receiver's last hold, i.e. was
     * queued before the hold lifted. The first message queued after that ends the backlog.
     */
    public boolean isBacklog(String partnerId, Exchange exchange) {
        Long released = releasedAt.get(partnerId);
        if (released == null) {
            return false;
        }
        long queuedAt = exchange.getMessage().getHeader("JMSTimestamp", 0L, Long.class);
        if (queuedAt > released) {
            releasedAt.remove(partnerId, released);
            return false;
        }
        return true;
    }
}
