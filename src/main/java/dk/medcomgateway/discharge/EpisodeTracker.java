package dk.medcomgateway.discharge;

import dk.medcomgateway.discharge.Activity.Event;
import dk.medcomgateway.discharge.Activity.Modifier;
import dk.medcomgateway.discharge.DischargeFacts.Fact;
import dk.medcomgateway.discharge.DischargeMessages.Document;
import dk.medcomgateway.discharge.DischargeMessages.Notification;
import dk.medcomgateway.discharge.EpisodeStateMachine.Outcome;
import dk.medcomgateway.discharge.EpisodeStateMachine.Step;
import dk.medcomgateway.discharge.Episodes.Entry;
import dk.medcomgateway.discharge.Episodes.Episode;
import dk.medcomgateway.discharge.Episodes.Expected;
import dk.medcomgateway.fhir.FhirCodec;
import dk.medcomgateway.fhir.FhirFormat;
import dk.medcomgateway.ledger.SupportCases;
import dk.medcomgateway.message.MessageDelivered;
import dk.medcomgateway.message.StoredMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Follows the messages receivers have taken: a HospitalNotification moves its episode on (or
 * flags it when it does not fit), a discharge makes its documents due, and a CareCommunication
 * that is one of those documents ends the wait. Runs in the delivery route's thread; whatever
 * goes wrong here is logged and never fails the delivery, which has already happened.
 */
@Component
public class EpisodeTracker {

    static final String OUT_OF_ORDER = "episode-out-of-order";
    private static final Logger log = LoggerFactory.getLogger(EpisodeTracker.class);

    private final FhirCodec codec;
    private final DischargeFacts facts;
    private final Episodes episodes;
    private final SupportCases cases;
    private final DischargeProperties properties;
    private final Clock clock;
    private final TransactionTemplate transaction;

    public EpisodeTracker(FhirCodec codec, DischargeFacts facts, Episodes episodes, SupportCases cases,
                          DischargeProperties properties, Clock clock, TransactionTemplate transaction) {
        this.codec = codec;
        this.facts = facts;
        this.episodes = episodes;
        this.cases = cases;
        this.properties = properties;
        this.clock = clock;
        this.transaction = transaction;
    }

    /**
     * Follows a delivered message by the facts the intake kept of it (read again from the message only if none were
     * kept), and applies it to its episode: one episode's notifications apply one at a time (the episode's row is locked
     * until the transaction ends).
     */
    @EventListener
    public void delivered(MessageDelivered delivered) {
        if (!FhirFormat.isFhirMediaType(delivered.contentType())) {
            return; // a legacy letter: legacy.LetterDeliveries follows those
        }
        try {
            StoredMessage stored = delivered.message();
            Optional<Fact> fact = facts.kept(stored.id()).or(() -> parse(stored).map(facts::read));
            if (fact.isEmpty()) {
                return;
            }
            if (fact.get().notification().isPresent()) {
                discharged(delivered, fact.get().notification().get());
                return;
            }
            fact.get().document().ifPresent(document -> documentArrived(stored, document));
        } catch (RuntimeException e) {
            // Only the exception's type: a parser's message may quote the payload, and so a CPR number.
            log.error("Discharge tracking skipped message {} ({}); the delivery itself is unaffected",
                    delivered.messageId(), e.getClass().getName());
        }
    }

    /** A discharge notification that reached its receiver (a FHIR HospitalNotification, or a legacy letter's XDIS17). */
    public void discharged(MessageDelivered delivered, Notification notification) {
        transaction.executeWithoutResult(tx -> apply(delivered, notification));
    }

    /** A document a discharge waits for (a FHIR discharge report, XDIS18, or an XDIS91 classified as a report). */
    public void documentArrived(StoredMessage message, Document document) {
        transaction.executeWithoutResult(tx -> arrived(message, document));
    }

    private Optional<Bundle> parse(StoredMessage stored) {
        if (stored.payload() == null) {
            return Optional.empty();
        }
        FhirFormat format = FhirFormat.fromContentType(stored.contentType());
        return Optional.of(codec.parseWithoutNarratives(stored.payload(), format != null ? format : FhirFormat.sniff(stored.payload())))
                .filter(Bundle.class::isInstance).map(Bundle.class::cast);
    }

    private void apply(MessageDelivered delivered, Notification notification) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        Episode episode = episodes.findOrCreateLocked(notification.patientHash(), notification.episodeKey(), now);
        if (episodes.hasEntry(episode.id(), delivered.messageId())) {
            return; // the same notification delivered to another receiver, or resent
        }
        List<Entry> history = episodes.history(episode.id());
        Activity activity = notification.activity();
        Outcome outcome = EpisodeStateMachine.next(episode.state(),
                history.stream().map(e -> new Step(e.event(), e.before(), e.after())).toList(), activity);
        episodes.addEntry(episode.id(), delivered.messageId(), now, activity.code(), activity.event(), activity.modifier(),
                episode.state(), outcome.state(), outcome.effective(), outcome.flag());
        if (outcome.cancels() >= 0) {
            episodes.withdraw(history.get(outcome.cancels()).id());
        }
        episodes.update(episode.id(), outcome.state(), notification.encounterClass(), notification.ward(),
                episode.flagged() || outcome.flagged(), now);
        if (outcome.flagged()) {
            log.warn("Episode {} flagged: {}", episode.id(), outcome.flag());
            cases.open(delivered.messageId(), delivered.partnerId(), OUT_OF_ORDER, "Episode " + episode.id() + ": " + outcome.flag());
        } else if (outcome.effective() && outcome.state() == EpisodeState.DISCHARGED) {
            expectDocuments(episode.id(), delivered.messageId(), notification, now);
        } else if (activity.event() == Event.DISCHARGE && activity.modifier() == Modifier.CANCEL && outcome.cancels() >= 0) {
            stopWaiting(episode.id(), activity.code());
        }
    }

    private void expectDocuments(long episodeId, long dischargeMessage, Notification notification, OffsetDateTime now) {
        episodes.expect(episodeId, DocumentKind.DISCHARGE_REPORT, dischargeMessage, now.plus(properties.report().deadline()));
        properties.rehabilitationPlan().dueFor(notification.encounterClass(), now, clock.getZone())
                .ifPresent(due -> episodes.expect(episodeId, DocumentKind.REHABILITATION_PLAN, dischargeMessage, due));
    }

    /** The discharge was cancelled (AN_SLHJ): nothing is awaited any more, and open cases close. */
    private void stopWaiting(long episodeId, String activityCode) {
        for (Expected expected : episodes.expected(episodeId)) {
            if (!expected.status().equals("WAITING") && !expected.status().equals("OVERDUE")) {
                continue;
            }
            episodes.cancel(expected.id());
            if (expected.caseId() != null) {
                cases.close(expected.caseId(), "Discharge cancelled (" + activityCode + "): no " + expected.kind().english() + " is due");
            }
        }
    }

    private void arrived(StoredMessage message, Document document) {
        long messageId = message.id();
        OffsetDateTime now = OffsetDateTime.now(clock);
        String patientHash = document.patientHash();
        episodes.lockPatient(patientHash);
        for (DocumentKind kind : document.kinds()) {
            List<Expected> awaited = episodes.awaited(patientHash, document.episodeKey(), kind);
            if (awaited.isEmpty() && document.episodeKey().isPresent()) {
                // The message names an episode the gateway knows under another identifier: fall back to the patient.
                awaited = episodes.awaited(patientHash, Optional.empty(), kind);
            }
            if (awaited.isEmpty()) {
                continue;
            }
            Expected expected = awaited.get(0);
            Duration late = Duration.between(expected.dueAt(), now);
            Long lateBy = late.isNegative() || late.isZero() ? null : late.toSeconds();
            episodes.markReceived(expected.id(), messageId, now, lateBy);
            Episode episode = episodes.byId(expected.episodeId()).orElseThrow();
            if (!episodes.hasEntry(episode.id(), messageId)) {
                episodes.addEntry(episode.id(), messageId, now, kind.code(), null, null, episode.state(), episode.state(), false,
                        lateBy == null ? null : "late by " + human(late));
            }
            if (expected.caseId() != null) {
                cases.close(expected.caseId(), capitalised(kind.english()) + " arrived " + human(late) + " after its deadline"
                        + " (message " + message.messageHeaderId() + ")");
            }
            log.info("Episode {}: {} arrived{}", episode.id(), kind.english(), lateBy == null ? " on time" : " late by " + human(late));
        }
    }

    static String human(Duration duration) {
        long minutes = Math.max(0, duration.toMinutes());
        return minutes >= 60 ? minutes / 60 + " h " + minutes % 60 + " min" : minutes + " min";
    }

    private static String capitalised(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
