package dk.medcomgateway.ops;

import dk.medcomgateway.ledger.DeliveryLedger;
import dk.medcomgateway.ledger.MessageLedger;
import dk.medcomgateway.outage.Outage;
import dk.medcomgateway.outage.OutageService;
import dk.medcomgateway.outage.ReceiverBreakers;
import dk.medcomgateway.outage.ReceiverHolds;
import dk.medcomgateway.outage.duty.Duty;
import dk.medcomgateway.outage.duty.DutyRoster;
import dk.medcomgateway.routing.PartnerDirectory;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * What operations staff watch on the link, gathered from the services that own each part: the
 * partner directory, holds and breakers, the ledger's queues and traffic, outages and the duty roster.
 */
@Service
public class OpsStatus {

    /** How a receiver stands: taking messages, held by an outage someone registered, or detected down by its breaker. */
    public enum State { up, held_by_outage, down_detected }

    public record PartnerStatus(String id, String name, String sor, State state, int queueDepth, OffsetDateTime oldestQueuedAt,
                                Long oldestAgeSeconds) {
    }

    /** Traffic over the last minute: messages received, copies delivered, and the share of messages refused. */
    public record LastMinute(int received, int delivered, int refused, double errorRate) {
    }

    public record Status(OffsetDateTime at, List<PartnerStatus> partners, List<Outage> outages, Duty onDuty, LastMinute lastMinute) {
    }

    private final PartnerDirectory directory;
    private final ReceiverHolds holds;
    private final ReceiverBreakers breakers;
    private final DeliveryLedger deliveries;
    private final MessageLedger messages;
    private final OutageService outages;
    private final DutyRoster duty;

    public OpsStatus(PartnerDirectory directory, ReceiverHolds holds, ReceiverBreakers breakers, DeliveryLedger deliveries,
                     MessageLedger messages, OutageService outages, DutyRoster duty) {
        this.directory = directory;
        this.holds = holds;
        this.breakers = breakers;
        this.deliveries = deliveries;
        this.messages = messages;
        this.outages = outages;
        this.duty = duty;
    }

    public Status now() {
        // The ledger stamps rows with the system clock, so ages and the last minute are measured on it too.
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Map<String, DeliveryLedger.QueueDepth> queues = deliveries.queueDepths();
        List<PartnerStatus> partners = directory.all().stream().map(p -> {
            DeliveryLedger.QueueDepth queue = queues.get(p.id());
            OffsetDateTime oldest = queue == null ? null : queue.oldestCreatedAt();
            return new PartnerStatus(p.id(), p.name(), p.sor(), state(p.id()), queue == null ? 0 : queue.depth(), oldest,
                    oldest == null ? null : Duration.between(oldest, now).toSeconds());
        }).toList();
        OffsetDateTime minuteAgo = now.minusMinutes(1);
        int received = messages.receivedSince(minuteAgo);
        int refused = messages.refusedSince(minuteAgo);
        LastMinute lastMinute = new LastMinute(received, deliveries.transferredSince(minuteAgo), refused,
                received == 0 ? 0 : (double) refused / received);
        return new Status(now, partners, outages.all(), duty.onDutyNow(), lastMinute);
    }

    private State state(String partnerId) {
        if (breakers.isOpen(partnerId)) {
            return State.down_detected;
        }
        return holds.isHeld(partnerId) ? State.held_by_outage : State.up;
    }
}
