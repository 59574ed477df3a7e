package dk.medcomgateway.delivery;

import dk.medcomgateway.eds.DeliveryStatusReporter;
import dk.medcomgateway.envelope.EnvelopeException;
import dk.medcomgateway.envelope.EnvelopeWrapping;
import dk.medcomgateway.envelope.NoReceiptException;
import dk.medcomgateway.envelope.Sbdh;
import dk.medcomgateway.envelope.SbdhCodec;
import dk.medcomgateway.envelope.SbdhReceipts;
import dk.medcomgateway.ledger.DeliveryLedger.Dispatch;
import dk.medcomgateway.ledger.MessageLedger;
import dk.medcomgateway.message.LetterSyntax;
import dk.medcomgateway.routing.Envelope;
import dk.medcomgateway.routing.Partner;
import dk.medcomgateway.routing.PartnerDirectory;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

/**
 * The network-envelope steps of a receiver's delivery route (routes/deliver.yaml), a no-op for
 * partners that take bare FHIR and for legacy letters. Each attempt wraps the stored copy afresh (a new envelope id per
 * transfer, as both envelope standards ask for a resend). For an SBDH receiver the transfer only
 * counts once its eDelivery receipt is in: from the HTTP response, or posted later to /sbdh within
 * gateway.envelope.sbdh-receipt-timeout-ms; otherwise it fails and is retried like any failed transfer.
 */
@Component("envelopeSteps")
public class EnvelopeSteps {

    static final String ENVELOPE_ID = "gatewayEnvelopeId";

    private final PartnerDirectory directory;
    private final EnvelopeWrapping wrapping;
    private final SbdhCodec sbdh;
    private final SbdhReceipts receipts;
    private final MessageLedger messages;
    private final DeliveryStatusReporter deliveryStatus;

    public EnvelopeSteps(PartnerDirectory directory, EnvelopeWrapping wrapping, SbdhCodec sbdh, SbdhReceipts receipts,
                         MessageLedger messages, DeliveryStatusReporter deliveryStatus) {
        this.deliveryStatus = deliveryStatus;
        this.directory = directory;
        this.wrapping = wrapping;
        this.sbdh = sbdh;
        this.receipts = receipts;
        this.messages = messages;
    }

    public void wrap(String partnerId, Exchange exchange) {
        Partner partner = partner(partnerId);
        // A retry wraps afresh; SbdhReceipts drops the wait a failed hand-over left behind.
        exchange.removeProperty(ENVELOPE_ID);
        Dispatch dispatch = DeliverySteps.dispatch(exchange);
        // Legacy letters (EDIFACT, OIOXML) carry their own envelope and travel as they are.
        if (partner.envelope() == Envelope.NONE || LetterSyntax.ofStored(dispatch.contentType()) != null) {
            return;
        }
        EnvelopeWrapping.Wrapped wrapped = wrapping.wrap(partner, dispatch.payload(), dispatch.contentType());
        if (partner.envelope() == Envelope.SBDH) {
            receipts.expect(wrapped.envelopeId());
        }
        exchange.setProperty(ENVELOPE_ID, wrapped.envelopeId());
        Message message = exchange.getMessage();
        message.setBody(wrapped.body());
        message.setHeader(Exchange.CONTENT_TYPE, wrapped.contentType());
        message.setHeader(Exchange.FILE_NAME, dispatch.bundleId() + "." + partner.envelope().name().toLowerCase() + ".xml");
    }

    /** After the hand-over: an SBDH receiver's receipt must be positive, in the response or in time. */
    public void confirmReceipt(String partnerId, Exchange exchange) {
        String envelopeId = exchange.getProperty(ENVELOPE_ID, String.class);
        if (partner(partnerId).envelope() != Envelope.SBDH || envelopeId == null) {
            return;
        }
        Dispatch dispatch = DeliverySteps.dispatch(exchange);
        Optional<SbdhCodec.Receipt> inResponse = receiptIn(exchange.getMessage().getBody(byte[].class))
                .filter(r -> envelopeId.equals(r.originalEnvelopeId()));
        SbdhCodec.Receipt receipt;
        if (inResponse.isPresent()) {
            receipts.settled(envelopeId);
            receipt = inResponse.get();
        } else {
            receipt = receipts.await(envelopeId);
        }
        if (!receipt.positive()) {
            throw new NoReceiptException("the receiver answered envelope " + envelopeId + " with a ReceiptException: " + receipt.reason());
        }
        deliveryStatus.receiptReceived(dispatch, partnerId, receipt.receiptId(), envelopeId);
        messages.event(dispatch.messageId(), partnerId, "receipt", "eDelivery ReceiptAcknowledgement for SBDH envelope " + envelopeId
                + (inResponse.isPresent() ? " (in the HTTP response)" : " (posted to /sbdh)"));
    }

    private Optional<SbdhCodec.Receipt> receiptIn(byte[] body) {
        if (body == null || body.length == 0) {
            return Optional.empty();
        }
        try {
            Sbdh envelope = sbdh.read(body);
            return envelope.isReceipt() ? Optional.of(sbdh.readReceipt(envelope)) : Optional.empty();
        } catch (EnvelopeException notAReceipt) {
            return Optional.empty();
        }
    }

    private Partner partner(String partnerId) {
        return directory.byId(partnerId).orElseThrow(() -> new IllegalStateException("Unknown partner " + partnerId));
    }
}
