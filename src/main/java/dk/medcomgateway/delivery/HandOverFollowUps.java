package dk.medcomgateway.delivery;

import dk.medcomgateway.ledger.Savepoints;
import dk.medcomgateway.message.MessageAccepted;
import dk.medcomgateway.message.MessageDelivered;
import dk.medcomgateway.metrics.GatewayMetrics;
import dk.medcomgateway.privacy.CprMask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.event.ApplicationListenerMethodAdapter;
import org.springframework.context.event.SimpleApplicationEventMulticaster;
import org.springframework.context.support.AbstractApplicationContext;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The application's event multicaster, with one difference from Spring's: a listener of
 * {@link MessageDelivered} or {@link MessageAccepted} that fails is logged and counted, and the other
 * listeners still run. Published inside a transaction (a hand-over, see {@code DeliverySteps.transferred}), each
 * such listener runs in a savepoint of it, so that what a failing one wrote is rolled back alone. Both events follow
 * what is already settled: a hand-over (were the failure to reach the delivery route, Camel would redeliver the step
 * and finally dead-letter a message the receiver has), or a message stored with its copies and answer (the sender is
 * answered {@code ok} either way). Every other event (the gateway's and Spring's own) fails as before.
 */
@Component(AbstractApplicationContext.APPLICATION_EVENT_MULTICASTER_BEAN_NAME)
class HandOverFollowUps extends SimpleApplicationEventMulticaster {

    private static final Logger log = LoggerFactory.getLogger(HandOverFollowUps.class);

    /** Looked up when first needed: the multicaster is made before the metrics and the transaction manager exist. */
    private final ObjectProvider<GatewayMetrics> metrics;
    private final ObjectProvider<PlatformTransactionManager> transactions;
    private volatile TransactionTemplate savepoint;

    HandOverFollowUps(BeanFactory beanFactory, ObjectProvider<GatewayMetrics> metrics,
                      ObjectProvider<PlatformTransactionManager> transactions) {
        super(beanFactory);
        this.metrics = metrics;
        this.transactions = transactions;
    }

    @Override
    protected void invokeListener(ApplicationListener<?> listener, ApplicationEvent event) {
        Object payload = event instanceof PayloadApplicationEvent<?> p ? p.getPayload() : null;
        String what = payload instanceof MessageDelivered delivered
                ? "Message " + delivered.message().messageHeaderId() + " was delivered to " + delivered.partnerId()
                : payload instanceof MessageAccepted accepted ? "Message " + accepted.message().messageHeaderId() + " was accepted"
                : null;
        if (what == null) {
            super.invokeListener(listener, event);
            return;
        }
        try {
            if (TransactionSynchronizationManager.isActualTransactionActive()) {
                savepoint().executeWithoutResult(status -> super.invokeListener(listener, event));
            } else {
                super.invokeListener(listener, event);
            }
        } catch (RuntimeException e) {
            log.error("{}, but following it up failed in {}: {}", what, listenerName(listener), CprMask.mask(e.toString()));
            metrics.ifAvailable(GatewayMetrics::followUpFailed);
        }
    }

    private TransactionTemplate savepoint() {
        if (savepoint == null) {
            savepoint = Savepoints.savepoint(transactions.getObject());
        }
        return savepoint;
    }

    private static String listenerName(ApplicationListener<?> listener) {
        return listener instanceof ApplicationListenerMethodAdapter method
                ? method.getListenerId() : listener.getClass().getName();
    }
}
