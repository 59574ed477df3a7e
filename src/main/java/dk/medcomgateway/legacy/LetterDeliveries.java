package dk.medcomgateway.legacy;

import dk.medcomgateway.discharge.DischargeMessages;
import dk.medcomgateway.discharge.EpisodeTracker;
import dk.medcomgateway.ledger.DeliveryLedger;
import dk.medcomgateway.ledger.MessageLedger;
import dk.medcomgateway.message.LetterSyntax;
import dk.medcomgateway.message.MessageDelivered;
import dk.medcomgateway.message.StoredMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * What follows when a receiver has taken a letter. A letter whose envelope asks for no positive
 * receipt is final once handed over (no receipt will come, so the acknowledgement timeout must
 * not resend it). A discharge advice (XDIS17) starts the missing-discharge-report watch like an
 * SLHJ; a letter config/discharge.yaml classifies as a discharge report (XDIS18, some XDIS91)
 * ends it. Letters name no episode of care: the episode is the patient's (keyed hash) and the
 * discharging ward's EAN with the discharge date, {@code edi:<ward EAN>|<discharge date>}.
 * Whatever goes wrong here is logged and never fails the delivery, which has already happened.
 */
@Component
public class LetterDeliveries {

    static final String DISCHARGE_ADVICE = "XDIS17";
    private static final Logger log = LoggerFactory.getLogger(LetterDeliveries.class);

    private final MessageLedger ledger;
    private final DeliveryLedger deliveries;
    private final LetterReader reader;
    private final DischargeMessages discharges;
    private final EpisodeTracker episodes;

    public LetterDeliveries(MessageLedger ledger, DeliveryLedger deliveries, LetterReader reader, DischargeMessages discharges,
                            EpisodeTracker episodes) {
        this.ledger = ledger;
        this.deliveries = deliveries;
        this.reader = reader;
        this.discharges = discharges;
        this.episodes = episodes;
    }

    @EventListener
    public void delivered(MessageDelivered delivered) {
        if (LetterSyntax.ofStored(delivered.contentType()) == null) {
            return;
        }
        StoredMessage stored = delivered.message();
        try {
            Letter letter = reader.read(stored.contentType(), stored.payload());
            if (!letter.positiveReceiptRequested()) {
                finalise(delivered);
            }
            track(delivered, stored, letter);
        } catch (RuntimeException e) {
            // Only the exception's type: a parser's message may quote the letter, and so a CPR number.
            log.error("Letter follow-up skipped for message {} ({}); the delivery itself is unaffected",
                    delivered.messageId(), e.getClass().getName());
        }
    }

    private void finalise(MessageDelivered delivered) {
        deliveries.deliveriesOf(delivered.messageId()).stream().filter(d -> d.partnerId().equals(delivered.partnerId()))
                .forEach(d -> deliveries.recordReceiverAck(d, null, "FINALISED"));
        ledger.setStatus(delivered.messageId(), "FINALISED");
        ledger.event(delivered.messageId(), delivered.partnerId(), "finalised", "handed over; the envelope asks for no positive receipt");
    }

    private void track(MessageDelivered delivered, StoredMessage stored, Letter letter) {
        if (letter.cpr() == null) {
            return;
        }
        if (DISCHARGE_ADVICE.equals(letter.type())) {
            episodes.discharged(delivered, discharges.letterNotification(letter.cpr(), letter.senderEan(), letter.dischargeDate(),
                    letter.type()));
            return;
        }
        discharges.letterDocument(letter.cpr(), letter.type(), letter.subject())
                .ifPresent(document -> episodes.documentArrived(stored, document));
    }
}
