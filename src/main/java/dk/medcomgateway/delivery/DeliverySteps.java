package dk.medcomgateway.delivery;

import dk.medcomgateway.fhir.FhirCodec;
import dk.medcomgateway.fhir.FhirFormat;
import dk.medcomgateway.fhir.MessageBundles;
import dk.medcomgateway.ledger.DeliveryLedger.Dispatch;
import dk.medcomgateway.ledger.DeliveryLedger;
import dk.medcomgateway.ledger.Savepoints;
import dk.medcomgateway.message.MessageDelivered;
import dk.medcomgateway.message.StoredMessage;
import dk.medcomgateway.metrics.GatewayMetrics;
import dk.medcomgateway.privacy.CprMask;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.hl7.fhir.r4.model.Bundle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The steps of a receiver's delivery route (routes/deliver.yaml). */
@Component("deliverySteps")
public class DeliverySteps {

    static final String DISPATCH = "gatewayDispatch";

    private static final Logger log = LoggerFactory.getLogger(DeliverySteps.class);

    private final DeliveryLedger deliveries;
    private final ReceiverAcks receiverAcks;
    private final FhirCodec codec;
    private final ApplicationEventPublisher events;
    private final GatewayMetrics metrics;
    private final TransactionTemplate handOver;
    private final TransactionTemplate followUp;
    private final HandOversInFlight inFlight;

    public DeliverySteps(DeliveryLedger deliveries, ReceiverAcks receiverAcks, FhirCodec codec, ApplicationEventPublisher events,
                         GatewayMetrics metrics, PlatformTransactionManager transactions, HandOversInFlight inFlight) {
        this.deliveries = deliveries;
        this.receiverAcks = receiverAcks;
        this.codec = codec;
        this.events = events;
        this.metrics = metrics;
        this.handOver = new TransactionTemplate(transactions);
        this.followUp = Savepoints.savepoint(transactions);
        this.inFlight = inFlight;
    }

    static Dispatch dispatch(Exchange exchange) {
        return exchange.getProperty(DISPATCH, Dispatch.class);
    }

    /**
     * Loads the copy named by the queue message and says whether it still has to be handed
     * over: a copy queued twice (recovery after a crash) or already dead-lettered is skipped. A copy another consumer
     * of this process is handing over is loaded once that hand-over has ended ({@link HandOversInFlight}).
     */
    public boolean outstanding(Exchange exchange) {
        String dispatchId = exchange.getMessage().getHeader(Dispatcher.DISPATCH_ID, String.class);
        if (dispatchId != null) {
            inFlight.claim(dispatchId, exchange);
        }
        Dispatch dispatch = dispatchId == null ? null : deliveries.dispatch(dispatchId).orElse(null);
        if (dispatch == null) {
            throw new IllegalStateException("Queue message " + dispatchId + " has no copy in the ledger");
        }
        if (!dispatch.isOutstanding()) {
            log.info("Skipping copy {} of message {}: already handed over", dispatchId, dispatch.messageHeaderId());
            return false;
        }
        exchange.setProperty(DISPATCH, dispatch);
        return true;
    }

    /** Sets the body and headers for the receiver: the stored bytes, in the format they came in. */
    public void prepare(Exchange exchange) {
        Dispatch dispatch = dispatch(exchange);
        Message message = exchange.getMessage();
        message.getHeaders().clear();
        message.setBody(dispatch.payload());
        message.setHeader(Exchange.CONTENT_TYPE, dispatch.contentType());
        message.setHeader(Exchange.FILE_NAME, dispatch.bundleId() + "." + extension(dispatch.contentType()));
    }

    /** A delivered file's extension: json or xml for FHIR, edi for an EDIFACT letter, xml for an OIOXML letter. */
    static String extension(String contentType) {
        if (contentType != null && contentType.startsWith("application/edifact")) {
            return "edi";
        }
        return FhirFormat.fromContentType(contentType) == FhirFormat.XML ? "xml" : "json";
    }

    /**
     * The receiver took the message: the hand-over, what follows from it ({@link MessageDelivered}: discharge tracking,
     * delivery status) and the MedCom acknowledgement the receiver may have answered with are recorded in one commit. The
     * follow-ups and the acknowledgement each run in a savepoint of it: one failing is rolled back alone, logged and
     * counted, and cannot undo the hand-over.
     */
    public void transferred(Exchange exchange) {
        Dispatch dispatch = dispatch(exchange);
        Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        Optional<AnsweredAck> answered = status == null ? Optional.empty() : answeredAck(exchange.getMessage());
        handOver.executeWithoutResult(tx -> {
            deliveries.markTransferred(dispatch, status == null ? "handed over" : "HTTP " + status);
            events.publishEvent(new MessageDelivered(dispatch.partnerId(), new StoredMessage(dispatch.messageId(),
                    dispatch.messageHeaderId(), dispatch.bundleId(), dispatch.contentType(), dispatch.payload())));
            answered.ifPresent(ack -> recordAnsweredAck(dispatch, ack));
        });
        log.info("Delivered message {} to {}", dispatch.messageHeaderId(), dispatch.partnerId());
        metrics.delivered(dispatch);
    }

    /** A MedCom acknowledgement in a receiver's HTTP answer: as read (without narratives), and as the receiver sent it. */
    private record AnsweredAck(Bundle ack, FhirFormat format, byte[] document) {
    }

    private Optional<AnsweredAck> answeredAck(Message answer) {
        byte[] body = answer.getBody(byte[].class);
        if (body == null || body.length == 0) {
            return Optional.empty();
        }
        FhirFormat declared = FhirFormat.fromContentType(answer.getHeader(Exchange.CONTENT_TYPE, String.class));
        FhirFormat format = declared != null ? declared : FhirFormat.sniff(body);
        return acknowledgementIn(body, format).map(ack -> new AnsweredAck(ack, format, body));
    }

    /**
     * Records the acknowledgement the receiver answered with. A failure here is logged, not thrown: the hand-over is
     * recorded, and the acknowledgement timeout resends if no acknowledgement is.
     */
    private void recordAnsweredAck(Dispatch dispatch, AnsweredAck answered) {
        try {
            followUp.executeWithoutResult(savepoint -> receiverAcks.record(answered.ack(), answered.format(), answered.document(),
                    "HTTP response"));
        } catch (RuntimeException e) {
            log.error("Message {} was delivered to {}, but its acknowledgement in the HTTP response could not be recorded: {}",
                    dispatch.messageHeaderId(), dispatch.partnerId(), CprMask.mask(e.toString()));
            metrics.followUpFailed();
        }
    }

    /** The receiver's answer as a MedCom acknowledgement, read for its facts only (no narratives); empty if it is none. */
    private Optional<Bundle> acknowledgementIn(byte[] body, FhirFormat format) {
        try {
            return codec.parseWithoutNarratives(body, format) instanceof Bundle b && MessageBundles.isAcknowledgement(b)
                    ? Optional.of(b) : Optional.empty();
        } catch (RuntimeException notAnAck) {
            return Optional.empty();
        }
    }
}
