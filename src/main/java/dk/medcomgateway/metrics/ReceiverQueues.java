package dk.medcomgateway.metrics;

import dk.medcomgateway.ledger.DeliveryLedger;
import dk.medcomgateway.outage.Outage;
import dk.medcomgateway.outage.OutageService;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * What waits for each receiver, read from the ledger (copies PENDING or QUEUED), and how many
 * outages are open. Read at most once per {@code gateway.metrics.queue-cache-for}: a Prometheus
 * scrape reads every gauge, and the page polls, and neither should hammer the database.
 */
@Component
public class ReceiverQueues {

    /** A receiver's backlog: copies not yet handed over, and how long the oldest has waited. */
    public record Backlog(long depth, double oldestAgeSeconds) {
        static final Backlog EMPTY = new Backlog(0, 0);
    }

    private record Snapshot(Instant takenAt, Map<String, Backlog> backlogs, long openOutages) {
    }

    private final DeliveryLedger deliveries;
    // Lazily: the outage service holds receivers, which sits downstream of the steps that count messages.
    private final ObjectProvider<OutageService> outages;
    private final Duration cacheFor;
    private volatile Snapshot snapshot;

    public ReceiverQueues(DeliveryLedger deliveries, ObjectProvider<OutageService> outages, MetricsProperties properties) {
        this.deliveries = deliveries;
        this.outages = outages;
        this.cacheFor = properties.queueCacheFor();
    }

    public Backlog backlog(String partnerId) {
        return current().backlogs().getOrDefault(partnerId, Backlog.EMPTY);
    }

    public long openOutages() {
        return current().openOutages();
    }

    private synchronized Snapshot current() {
        Instant now = Instant.now();
        if (snapshot == null || snapshot.takenAt().plus(cacheFor).isBefore(now)) {
            snapshot = new Snapshot(now, readBacklogs(now), outages.getObject().all().stream().filter(Outage::isOpen).count());
        }
        return snapshot;
    }

    private Map<String, Backlog> readBacklogs(Instant now) {
        Map<String, Backlog> backlogs = new HashMap<>();
        deliveries.queueDepths().forEach((partnerId, queue) -> backlogs.put(partnerId, new Backlog(queue.depth(),
                Math.max(0, Duration.between(queue.oldestCreatedAt().toInstant(), now).toMillis() / 1000.0))));
        return backlogs;
    }
}
