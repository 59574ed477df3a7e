package dk.medcomgateway.metrics;

import dk.medcomgateway.outage.Outage;
import dk.medcomgateway.outage.OutageService;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
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

    private final JdbcTemplate jdbc;
    // Lazily: the outage service holds receivers, which sits downstream of the steps that count messages.
    private final ObjectProvider<OutageService> outages;
    private final Duration cacheFor;
    private volatile Snapshot snapshot;

    public ReceiverQueues(JdbcTemplate jdbc, ObjectProvider<OutageService> outages, MetricsProperties properties) {
        this.jdbc = jdbc;
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
        jdbc.query("SELECT dl.partner_id, COUNT(*) AS depth, MIN(d.created_at) AS oldest FROM dispatch d"
                + " JOIN delivery dl ON dl.id = d.delivery_id WHERE d.status IN ('PENDING', 'QUEUED') GROUP BY dl.partner_id", rs -> {
            Instant oldest = rs.getObject("oldest", OffsetDateTime.class).toInstant();
            backlogs.put(rs.getString("partner_id"), new Backlog(rs.getLong("depth"),
                    Math.max(0, Duration.between(oldest, now).toMillis() / 1000.0)));
        });
        return backlogs;
    }
}
