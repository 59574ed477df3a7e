package dk.medcomgateway.outage;

import dk.medcomgateway.routing.Partner;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.DependsOn;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * The outage procedure: registering, updating and resolving outages, holding the receivers they
 * cover, opening and closing detected outages, and deciding when notices are due. Holding is
 * never deferred: it takes effect the moment an outage starts, whatever the time of day.
 */
@Service("outageService")
@DependsOn("flywayInitializer")
public class OutageService {

    private static final Logger log = LoggerFactory.getLogger(OutageService.class);

    private final OutageRepository outages;
    private final ReceiverHolds holds;
    private final AffectedPartners affected;
    private final OutageAnnouncer announcer;
    private final OutageProperties settings;
    private final Clock clock;

    public OutageService(OutageRepository outages, ReceiverHolds holds, AffectedPartners affected, OutageAnnouncer announcer,
                         OutageProperties settings, Clock clock) {
        this.outages = outages;
        this.holds = holds;
        this.affected = affected;
        this.announcer = announcer;
        this.settings = settings;
        this.clock = clock;
        refreshHolds();
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock).withNano(0);
    }

    public synchronized Outage register(OutageRequest request) {
        check(request);
        LocalDateTime now = now();
        Outage.Status status = request.start().isAfter(now) ? Outage.Status.scheduled : Outage.Status.active;
        boolean broadcast = isLong(request.start(), request.expectedEnd());
        boolean lateNotice = request.kind() == Outage.Kind.planned && broadcast
                && now.isAfter(request.start().minus(settings.minimumNotice()));
        Outage outage = outages.insert(new Outage(0, request.kind(), false, request.cause().trim(), request.affectedPartners(),
                request.affectedMessageTypes() == null ? List.of() : request.affectedMessageTypes(), request.start(),
                request.expectedEnd(), request.contact(), status, null, lateNotice, broadcast, now, announcer.handleAt(now),
                broadcast ? firstStatusAt(request.start(), now) : null, null));
        outages.log(outage.id(), now, "registered" + (lateNotice ? "; planned shutdown over " + settings.broadcastThreshold().toHours()
                + " h reported with too little notice" : ""));
        log.info("Outage {} registered: {} {} for {}", outage.id(), outage.kind(), outage.cause(), outage.affectedPartners());
        refreshHolds();
        announcer.registered(outage);
        return outage;
    }

    public synchronized Outage update(long id, LocalDateTime expectedEnd, String statusText) {
        Outage o = open(id);
        if (expectedEnd != null && expectedEnd.isBefore(o.start())) {
            throw new InvalidOutageException("expectedEnd " + expectedEnd + " is before the start " + o.start());
        }
        LocalDateTime end = expectedEnd != null ? expectedEnd : o.expectedEnd();
        boolean becomesLong = !o.broadcast() && isLong(o.start(), end);
        Outage updated = outages.update(new Outage(o.id(), o.kind(), o.detected(), o.cause(), o.affectedPartners(),
                o.affectedMessageTypes(), o.start(), end, o.contact(), o.status(), statusText != null ? statusText : o.statusText(),
                o.lateNotice(), o.broadcast() || becomesLong, o.reportedAt(), o.handleAt(),
                becomesLong ? firstStatusAt(o.start(), now()) : o.nextStatusAt(), null));
        outages.log(id, now(), "updated: expected end " + end + (statusText != null ? ", status: " + statusText : ""));
        announcer.updated(updated, becomesLong);
        return updated;
    }

    public synchronized Outage resolve(long id, String statusText) {
        Outage o = open(id);
        Outage resolved = outages.update(new Outage(o.id(), o.kind(), o.detected(), o.cause(), o.affectedPartners(),
                o.affectedMessageTypes(), o.start(), o.expectedEnd(), o.contact(), Outage.Status.resolved,
                statusText != null ? statusText : o.statusText(), o.lateNotice(), o.broadcast(), o.reportedAt(), o.handleAt(),
                null, now()));
        outages.log(id, now(), "resolved" + (statusText != null ? ": " + statusText : ""));
        log.info("Outage {} resolved after {}", id, resolved.downtime());
        refreshHolds();
        announcer.resolved(resolved);
        return resolved;
    }

    public List<Outage> all() {
        return outages.all();
    }

    public Outage get(long id) {
        return outages.find(id).orElseThrow(() -> new OutageNotFoundException(id));
    }

    /**
     * The procedure's clock work, run by routes/outage-watch.yaml: planned outages begin, a detected
     * outage that has lasted past the threshold is broadcast, and promised status notices go out.
     */
    public synchronized void watch() {
        LocalDateTime now = now();
        boolean begun = false;
        for (Outage o : outages.open()) {
            if (o.status() == Outage.Status.scheduled && !o.start().isAfter(now)) {
                o = outages.update(withStatus(o, Outage.Status.active, o.broadcast(), o.nextStatusAt()));
                outages.log(o.id(), now, "started: receivers held");
                begun = true;
            }
            if (!o.broadcast() && o.status() == Outage.Status.active && o.expectedEnd() == null
                    && !now.isBefore(o.start().plus(settings.broadcastThreshold()))) {
                o = outages.update(withStatus(o, o.status(), true, now.plus(settings.statusInterval())));
                outages.log(o.id(), now, "has lasted over " + settings.broadcastThreshold().toHours() + " h: broadcast");
                announcer.becameLong(o);
            } else if (o.broadcast() && o.nextStatusAt() != null && !now.isBefore(o.nextStatusAt())) {
                o = outages.update(withStatus(o, o.status(), true, now.plus(settings.statusInterval())));
                announcer.statusDue(o);
            }
        }
        if (begun) {
            refreshHolds();
        }
    }

    @EventListener
    public synchronized void receiverDown(ReceiverBreakers.ReceiverDown down) {
        boolean alreadyOpen = outages.open().stream().anyMatch(o -> o.detected() && o.affectedPartners().contains(down.partnerId()));
        if (alreadyOpen) {
            return;
        }
        LocalDateTime now = now();
        Outage outage = outages.insert(new Outage(0, Outage.Kind.unplanned, true,
                "Modtageren svarer ikke / receiver not answering: " + down.lastError(), List.of(down.partnerId()), List.of(),
                now, null, null, Outage.Status.active, null, false, false, now, announcer.handleAt(now), null, null));
        outages.log(outage.id(), now, "detected by the gateway: " + down.lastError());
        log.warn("Receiver {} is down: detected outage {} opened, its messages are held", down.partnerId(), outage.id());
        refreshHolds();
        announcer.registered(outage);
    }

    @EventListener
    public synchronized void receiverBack(ReceiverBreakers.ReceiverBack back) {
        outages.open().stream().filter(o -> o.detected() && o.affectedPartners().contains(back.partnerId()))
                .forEach(o -> resolve(o.id(), "Modtageren svarer igen / receiver answering again"));
    }

    /**
     * Receivers held by active reported outages, by partner id. A detected outage holds its receiver
     * through the circuit breaker instead, which lets probes through and so can end it.
     */
    private void refreshHolds() {
        Set<String> held = new HashSet<>();
        for (Outage o : outages.open()) {
            if (o.status() == Outage.Status.active && !o.detected()) {
                held.addAll(affected.of(o).stream().map(Partner::id).collect(Collectors.toSet()));
            }
        }
        holds.holdOnly(held);
    }

    private boolean isLong(LocalDateTime start, LocalDateTime end) {
        return end != null && java.time.Duration.between(start, end).compareTo(settings.broadcastThreshold()) > 0;
    }

    private LocalDateTime firstStatusAt(LocalDateTime start, LocalDateTime now) {
        return (start.isAfter(now) ? start : now).plus(settings.statusInterval());
    }

    private Outage open(long id) {
        Outage o = get(id);
        if (!o.isOpen()) {
            throw new InvalidOutageException("Outage " + id + " is already resolved");
        }
        return o;
    }

    private static Outage withStatus(Outage o, Outage.Status status, boolean broadcast, LocalDateTime nextStatusAt) {
        return new Outage(o.id(), o.kind(), o.detected(), o.cause(), o.affectedPartners(), o.affectedMessageTypes(), o.start(),
                o.expectedEnd(), o.contact(), status, o.statusText(), o.lateNotice(), broadcast, o.reportedAt(), o.handleAt(),
                nextStatusAt, o.resolvedAt());
    }

    private void check(OutageRequest r) {
        if (r.kind() == null) {
            throw new InvalidOutageException("kind is required: planned or unplanned");
        }
        if (r.cause() == null || r.cause().isBlank()) {
            throw new InvalidOutageException("cause is required");
        }
        if (r.affectedPartners() == null || r.affectedPartners().isEmpty()) {
            throw new InvalidOutageException("affectedPartners is required: SOR codes or GLNs, or \"gateway\" for the gateway's own link");
        }
        for (String code : r.affectedPartners()) {
            if (!affected.isKnown(code)) {
                throw new InvalidOutageException("affectedPartners: " + code + " is not in the partner directory");
            }
        }
        if (r.start() == null || r.expectedEnd() == null) {
            throw new InvalidOutageException("start and expectedEnd are required (local times, e.g. 2026-03-03T18:00)");
        }
        if (r.expectedEnd().isBefore(r.start())) {
            throw new InvalidOutageException("expectedEnd is before start");
        }
        if (r.contact() == null || r.contact().name() == null || r.contact().name().isBlank()
                || (isBlank(r.contact().phone()) && isBlank(r.contact().email()))) {
            throw new InvalidOutageException("contact is required: a name and a phone number or e-mail address");
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
