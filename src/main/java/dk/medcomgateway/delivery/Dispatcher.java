package dk.medcomgateway.delivery;

import dk.medcomgateway.broker.EmbeddedBrokerWatch;
import dk.medcomgateway.ledger.DeliveryLedger;
import dk.medcomgateway.ledger.MessageLedger;
import jakarta.jms.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jms.JmsException;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.stereotype.Component;

/**
 * Puts a stored copy on its receiver's durable queue. The ledger row is written first, so a
 * copy that never reaches the queue (broker down, gateway killed) is found and queued again by
 * {@link PendingDispatchRecovery}; a copy queued twice is handed over once (see DeliverySteps).
 * The queue message names the copy and carries no body: the delivery reads the payload from the
 * ledger, the store of record, so writing it into the broker's journal as well bought nothing
 * (and made every copy over 100 kB one of Artemis's large messages, a file of its own).
 */
@Component
public class Dispatcher {

    public static final String DISPATCH_ID = "GatewayDispatchId";
    public static final String MESSAGE_HEADER_ID = "GatewayMessageHeaderId";

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    private final JmsTemplate jms;
    private final DeliveryLedger deliveries;
    private final EmbeddedBrokerWatch broker;

    public Dispatcher(JmsTemplate jms, DeliveryLedger deliveries, EmbeddedBrokerWatch broker) {
        this.jms = jms;
        this.deliveries = deliveries;
        this.broker = broker;
    }

    public void enqueue(DeliveryLedger.Dispatch dispatch) {
        try {
            send(dispatch);
        } catch (JmsException e) {
            // A send cut off by a broker fail-over (live to backup) fails although the client is on the
            // backup by then. Sent again at once, the copy keeps its place in the receiver's queue rather
            // than wait for the recovery timer behind later messages; a copy that got through twice is
            // still handed over once (DeliverySteps).
            log.info("Queueing message {} for {} again after {}", dispatch.messageHeaderId(), dispatch.partnerId(), e.getMessage());
            send(dispatch);
        }
        deliveries.markQueued(dispatch);
    }

    private void send(DeliveryLedger.Dispatch dispatch) {
        jms.send("delivery." + dispatch.partnerId(), session -> {
            Message message = session.createMessage();
            message.setStringProperty(DISPATCH_ID, dispatch.id());
            message.setStringProperty(MESSAGE_HEADER_ID, dispatch.messageHeaderId());
            message.setStringProperty("JMSXGroupID", group(dispatch));
            return message;
        });
    }

    /**
     * The message group of a copy: its receiver and its patient. The broker hands a group to one consumer at a time
     * (of all the gateway instances' consumers of the receiver's queue), so each patient's messages reach the
     * receiver in order, while several consumers serve the receiver's other patients meanwhile. A message without
     * a patient (an empty message, a letter without one) shares the receiver's own group, in order with each other.
     */
    static String group(DeliveryLedger.Dispatch dispatch) {
        return dispatch.patientHash() == null ? dispatch.partnerId() : dispatch.partnerId() + "/" + dispatch.patientHash();
    }

    /** Enqueues, leaving a failure to the recovery timer: the message is already safely stored. */
    public void enqueueQuietly(DeliveryLedger.Dispatch dispatch) {
        if (broker.isEmbeddedBrokerDown()) {
            // Trying would only hold up the sender's answer: each attempt waits seconds for a connection.
            log.warn("Message {} for {} stored but not yet queued (the broker is down); the recovery timer will queue it",
                    dispatch.messageHeaderId(), dispatch.partnerId());
            return;
        }
        try {
            enqueue(dispatch);
        } catch (RuntimeException e) {
            log.warn("Message {} for {} stored but not yet queued ({}); the recovery timer will queue it",
                    dispatch.messageHeaderId(), dispatch.partnerId(), e.getMessage());
        }
    }
}
