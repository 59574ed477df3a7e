package dk.medcomgateway.ops;

import dk.medcomgateway.metrics.MessageRates;
import dk.medcomgateway.metrics.ReceiverQueues;
import dk.medcomgateway.ledger.MessageLedger;
import dk.medcomgateway.outage.Outage;
import dk.medcomgateway.outage.OutageService;
import dk.medcomgateway.outage.ReceiverBreakers;
import dk.medcomgateway.outage.ReceiverHolds;
import dk.medcomgateway.outage.duty.Duty;
import dk.medcomgateway.outage.duty.DutyRoster;
import dk.medcomgateway.routing.PartnerDirectory;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * What operations staff watch on the link, gathered from the services that own each part: the
 * partner directory, holds and breakers, the ledger's queues and traffic, outages and the duty roster.
 */
@Service
public class OpsStatus {

    /** How a receiver stands: taking messages, held by an outage someone registered, or detected down by its breaker. */
    public enum State { up, held_by_outage, down_detected }

    public record PartnerStatus(String id, String name, String sor, State state, long queueDepth, Long oldestAgeSeconds) {
    }

    /** Traffic over the last minute: messages received, copies delivered, and the share of messages refused. */
    public record LastMinute(double received, double delivered, int refused, double errorRate) {
    }

    public record Status(OffsetDateTime at, List<PartnerStatus> partners, List<Outage> outages, Duty onDuty, LastMinute lastMinute) {
    }

    private final PartnerDirectory directory;
    private final ReceiverHolds holds;
    private final ReceiverBreakers breakers;
    private final ReceiverQueues queues;
    private final MessageRates rates;
    private final MessageLedger messages;
    private final OutageService outages;
    private final DutyRoster duty;

    public OpsStatus(PartnerDirectory directory, ReceiverHolds holds, ReceiverBreakers breakers, ReceiverQueues queues,
                     MessageRates rates, MessageLedger messages, OutageService outages, DutyRoster duty) {
        this.directory = directory;
        this.holds = holds;
        this.breakers = breakers;
        this.queues = queues;
        this.rates = rates;
        this.messages = messages;
        this.outages = outages;
        this.duty = duty;
    }

    /** Queue and traffic figures come from the same meters Prometheus reads (ReceiverQueues, MessageRates). */
    public Status now() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        List<PartnerStatus> partners = directory.all().stream().map(p -> {
            ReceiverQueues.Backlog backlog = queues.backlog(p.id());
            return new PartnerStatus(p.id(), p.name(), p.sor(), state(p.id()), backlog.depth(),
                    backlog.depth() == 0 ? null : Math.round(backlog.oldestAgeSeconds()));
        }).toList();
        double received = rates.inPerMinute();
        int refused = messages.refusedSince(now.minusMinutes(1));
        LastMinute lastMinute = new LastMinute(received, rates.outPerMinute(), refused,
                received + refused == 0 ? 0 : refused / (received + refused));
        return new Status(now, partners, outages.all(), duty.onDutyNow(), lastMinute);
    }

    /** Also exported as {@code gateway_receiver_state} (ReceiverStateGauges), so alerts see what the page shows. */
    public State state(String partnerId) {
        if (breakers.isOpen(partnerId)) {
            return State.down_detected;
        }
        return holds.isHeld(partnerId) ? State.held_by_outage : State.up;
    }
}
