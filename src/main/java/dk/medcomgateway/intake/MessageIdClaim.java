package dk.medcomgateway.intake;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.apache.camel.Exchange;
import org.apache.camel.spi.IdempotentRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * An exchange's hold on a message key in the duplicate store (a MessageHeader.id, or a letter's
 * key). The intake takes it when it registers the message; when the gateway then cannot take the
 * message (transient error) it gives the key back, so the sender's retry is processed afresh rather
 * than answered as a duplicate. Only the exchange that took a key gives it back: a copy that lost a
 * race must not release the winner's. A key it could not give back (the database down), or may have
 * taken although taking it failed, is given back later, when the sender's retry finds it taken with no
 * answer stored; so is a key an earlier run of the gateway took and never answered (it stopped).
 */
@Component
public class MessageIdClaim {

    private static final String OWNS = "gatewayOwnsMessageId";
    private static final Logger log = LoggerFactory.getLogger(MessageIdClaim.class);

    private final IdempotentRepository messageIds;
    private final Predicate<String> takenByEarlierRun;
    private final Set<String> stranded = ConcurrentHashMap.newKeySet();

    @Autowired
    public MessageIdClaim(IdempotentRepository messageIds, EarlierRunKeys earlierRun) {
        this(messageIds, earlierRun::took);
    }

    MessageIdClaim(IdempotentRepository messageIds, Predicate<String> takenByEarlierRun) {
        this.messageIds = messageIds;
        this.takenByEarlierRun = takenByEarlierRun;
    }

    /** The first step after the duplicate store took the key: from here on this exchange owns it. */
    public static void taken(Exchange exchange) {
        exchange.setProperty(OWNS, true);
    }

    public void release(Exchange exchange, String key) {
        if (!exchange.getProperty(OWNS, false, Boolean.class)) {
            if (key != null && !exchange.getProperty(Exchange.DUPLICATE_MESSAGE, false, Boolean.class)) {
                // It failed while taking the key: the store may have kept the key although taking it
                // failed (a commit that failed as the disk filled and the database closed). Nobody
                // would ever give it back, so the sender's retry may (the ledger's unique
                // MessageHeader.id still keeps a message from being taken twice).
                stranded.add(key);
            }
            return;
        }
        try {
            messageIds.remove(key);
        } catch (RuntimeException storeDown) {
            stranded.add(key);
            log.warn("Could not release message key {}: {}", key, storeDown.getMessage());
        }
    }

    /**
     * Gives back a key that nobody is answering, so that the sender's next retry is processed afresh
     * instead of being answered "still being processed" for as long as the gateway runs: a key whose
     * release failed, or one an earlier run of the gateway took and stopped before answering.
     */
    public void giveBackUnanswered(String key) {
        if (stranded.contains(key)) {
            messageIds.remove(key); // may fail again (the store still down): then it stays stranded for the next retry
            stranded.remove(key);
            log.info("Gave back message key {}, left taken when the duplicate store was down", key);
        } else if (takenByEarlierRun.test(key)) {
            messageIds.remove(key);
            log.info("Gave back message key {}, taken by an earlier run of the gateway that stopped before answering", key);
        }
    }
}
