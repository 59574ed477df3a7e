package dk.medcomgateway.delivery;

import dk.medcomgateway.ack.AckCode;
import dk.medcomgateway.ack.AcknowledgementFactory;
import dk.medcomgateway.eds.DeliveryStatusReporter;
import dk.medcomgateway.fhir.FhirFormat;
import dk.medcomgateway.fhir.MessageBundles;
import dk.medcomgateway.ledger.DeliveryLedger;
import dk.medcomgateway.ledger.MessageLedger;
import dk.medcomgateway.ledger.SupportCases;
import dk.medcomgateway.message.ValidationIssue;
import dk.medcomgateway.routing.Partner;
import dk.medcomgateway.routing.PartnerDirectory;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Bundle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Acknowledgements from receivers about messages the gateway delivered. They are recorded on
 * the message they answer and go no further: an acknowledgement is never acknowledged, nor
 * delivered as a new message. {@code ok} finalises the delivery; {@code fatal-error} raises a
 * support case and is never resent automatically.
 */
@Component
public class ReceiverAcks {

    public static final String RECORDED = "recorded";

    private static final Logger log = LoggerFactory.getLogger(ReceiverAcks.class);

    private final MessageLedger messages;
    private final DeliveryLedger deliveries;
    private final SupportCases cases;
    private final PartnerDirectory directory;
    private final DeliveryStatusReporter deliveryStatus;
    private final TransactionTemplate transaction;

    public ReceiverAcks(MessageLedger messages, DeliveryLedger deliveries, SupportCases cases, PartnerDirectory directory,
                        DeliveryStatusReporter deliveryStatus, TransactionTemplate transaction) {
        this.deliveryStatus = deliveryStatus;
        this.transaction = transaction;
        this.messages = messages;
        this.deliveries = deliveries;
        this.cases = cases;
        this.directory = directory;
    }

    /**
     * Records an acknowledgement: {@code ack} is read from {@code document}, which is kept as the receiver
     * sent it (the Bundle may have been read without its narratives). Returns false when it answers no
     * message in the ledger.
     */
    public boolean record(Bundle ack, FhirFormat format, byte[] document, String source) {
        String answers = AcknowledgementFactory.respondsTo(ack);
        AckCode code = AcknowledgementFactory.code(ack);
        Optional<Long> messageId = answers == null ? Optional.empty() : messages.idOf(answers);
        if (messageId.isEmpty()) {
            log.warn("Acknowledgement {} ({}) answers unknown message {}", MessageBundles.headerId(ack), code, answers);
            return false;
        }
        String issues = AcknowledgementFactory.issues(ack).stream().map(ValidationIssue::text).collect(Collectors.joining("; "));
        // Reported before the answer is recorded, so the receiver's answer stays the delivery's latest trail step.
        Optional<String> answeringPartner = directory.sender(ack).map(Partner::id);
        deliveryStatus.acknowledgementReceived(ack, messageId.get(), answeringPartner.orElse(null));
        recordAnswer(messageId.get(), answeringPartner, code, issues, source, format.mediaType(), document);
        return true;
    }

    /**
     * Records a receiver's answer about a delivered message, whatever its syntax (a MedCom
     * acknowledgement, a legacy receipt): a trail event, the document, and what it means for the
     * delivery of the partner that answered (or the only delivery, when that partner is unknown).
     * One transaction: the answer is recorded whole or not at all.
     */
    public void recordAnswer(long messageId, Optional<String> answeringPartnerId, AckCode code, String issues, String source,
                             String contentType, byte[] document) {
        transaction.executeWithoutResult(status ->
                recordAnswerNow(messageId, answeringPartnerId, code, issues, source, contentType, document));
    }

    private void recordAnswerNow(long messageId, Optional<String> answeringPartnerId, AckCode code, String issues, String source,
                                 String contentType, byte[] document) {
        List<DeliveryLedger.DeliveryRow> rows = deliveries.deliveriesOf(messageId);
        Optional<DeliveryLedger.DeliveryRow> delivery = answeringPartnerId
                .flatMap(id -> rows.stream().filter(r -> r.partnerId().equals(id)).findFirst())
                .or(() -> rows.size() == 1 ? Optional.of(rows.get(0)) : Optional.empty());
        String partnerId = delivery.map(DeliveryLedger.DeliveryRow::partnerId).orElse(null);
        messages.event(messageId, partnerId, "receiver-ack", code.code() + " " + source + (issues.isEmpty() ? "" : ": " + issues));
        messages.storeReceiverAck(messageId, partnerId, code.code(), contentType, document);
        if (delivery.isEmpty()) {
            return;
        }
        switch (code) {
            case OK -> {
                deliveries.recordReceiverAck(delivery.get(), code.code(), "FINALISED");
                messages.setStatus(messageId, "FINALISED");
            }
            case FATAL_ERROR -> {
                deliveries.recordReceiverAck(delivery.get(), code.code(), "RECEIVER_REJECTED");
                messages.setStatus(messageId, "RECEIVER_REJECTED");
                cases.open(messageId, partnerId, "receiver-fatal-error",
                        "The receiver rejected the message" + (issues.isEmpty() ? "" : ": " + issues));
            }
            case TRANSIENT_ERROR -> log.info("Receiver {} answered transient-error for message {}; it will be resent when the"
                    + " acknowledgement timeout passes", partnerId, messageId);
        }
    }
}
