package dk.medcomgateway.supportdesk;

import dk.medcomgateway.delivery.Dispatcher;
import jakarta.jms.ConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jms.JmsException;
import org.springframework.jms.connection.CachingConnectionFactory;
import org.springframework.jms.core.JmsTemplate;
import org.springframework.stereotype.Component;

/**
 * Takes a copy the support desk has dealt with (resent or discarded) off its receiver's
 * dead-letter queue, so the queue's depth is what is still to be handled. The copy is found by
 * a JMS selector on the dispatch id the gateway put on it; the delivery routes never read the
 * dead-letter queues, so a copy left there (broker unreachable) is untidy but harmless.
 */
@Component
public class DeadLetterQueues {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterQueues.class);

    private final JmsTemplate jms;

    public DeadLetterQueues(ConnectionFactory connectionFactory, SupportDeskProperties properties) {
        // The shared caching factory would keep a consumer open for every selector ever used: bypass it.
        this.jms = new JmsTemplate(connectionFactory instanceof CachingConnectionFactory caching
                ? caching.getTargetConnectionFactory() : connectionFactory);
        this.jms.setReceiveTimeout(properties.deadLetterReceiveTimeoutMs());
    }

    /** Whether the copy was found on the queue and removed. */
    public boolean remove(String partnerId, String dispatchId) {
        String queue = "delivery." + partnerId + ".DLQ";
        try {
            boolean removed = jms.receiveSelected(queue, Dispatcher.DISPATCH_ID + " = '" + dispatchId.replace("'", "''") + "'") != null;
            if (!removed) {
                log.info("Copy {} was not on {} any more", dispatchId, queue);
            }
            return removed;
        } catch (JmsException e) {
            log.warn("Could not take copy {} off {}: {}", dispatchId, queue, e.getMessage());
            return false;
        }
    }
}
