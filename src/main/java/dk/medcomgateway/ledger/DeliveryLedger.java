package dk.medcomgateway.ledger;

import dk.medcomgateway.message.StoredMessage;
import static dk.medcomgateway.ledger.MessageLedger.now;

import dk.medcomgateway.routing.Partner;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The delivery side of the ledger: per receiver, where its copy of a message stands
 * ({@code delivery}), and every copy put on its queue ({@code dispatch}).
 */
@Repository
public class DeliveryLedger {

    private final JdbcTemplate jdbc;
    private final MessageLedger messages;

    public DeliveryLedger(JdbcTemplate jdbc, MessageLedger messages) {
        this.jdbc = jdbc;
        this.messages = messages;
    }

    /**
     * A copy of a message for one receiver, as put on (or about to be put on) its queue.
     *
     * @param messageReceivedAt when the message arrived: read with the copy from the ledger, null on a copy just made
     * @param patientHash the keyed hash of the message's patient (null without one): a receiver gets each patient's
     *                    messages in order (see delivery.Dispatcher)
     */
    public record Dispatch(String id, String deliveryId, long messageId, String messageHeaderId, String partnerId,
                           String bundleId, String contentType, byte[] payload, String status, OffsetDateTime messageReceivedAt,
                           String patientHash) {

        /** Whether it still has to be handed over (false once transferred, dead-lettered or handled by support). */
        public boolean isOutstanding() {
            return "PENDING".equals(status) || "QUEUED".equals(status);
        }
    }

    /**
     * Accepts a message in one transaction: its deliveries and first dispatches, and the
     * {@code ok} acknowledgement. Once this commits the message is durably the gateway's, and
     * the acknowledgement may be sent. {@code payload} is the message's body as {@link MessageLedger#recordArrival} stored it:
     * the first copies are read from there.
     */
    @Transactional
    public List<Dispatch> accept(long messageId, String messageHeaderId, String bundleId, String contentType, byte[] payload,
                                 String patientHash, List<Partner> receivers, byte[] ack) {
        return accept(messageId, messageHeaderId, bundleId, contentType, payload, patientHash, receivers, ack, contentType);
    }

    /** As above, for an answer in another format than the message (a legacy letter's OIOXML receipt). */
    @Transactional
    public List<Dispatch> accept(long messageId, String messageHeaderId, String bundleId, String contentType, byte[] payload,
                                 String patientHash, List<Partner> receivers, byte[] ack, String ackContentType) {
        List<Dispatch> dispatches = new ArrayList<>();
        for (Partner partner : receivers) {
            String deliveryId = TimeOrderedIds.next();
            jdbc.update("INSERT INTO delivery (id, message_id, partner_id, status, resend_count, updated_at) VALUES (?, ?, ?, 'QUEUED', 0, ?)",
                    deliveryId, messageId, partner.id(), now());
            dispatches.add(newDispatch(deliveryId, messageId, messageHeaderId, partner.id(), bundleId, contentType, payload, false,
                    patientHash));
            messages.event(messageId, partner.id(), "accepted", "for " + partner.name());
        }
        messages.setStatus(messageId, "ACCEPTED");
        messages.storeAck(messageId, "ok", ackContentType, ack);
        return dispatches;
    }

    /**
     * A copy and, when it differs from the message (a resend's new Bundle.id), its body. A first copy is the
     * message's own body and is read from {@code message_body}: storing it again would double the ledger's size.
     */
    private Dispatch newDispatch(String deliveryId, long messageId, String messageHeaderId, String partnerId, String bundleId,
                                 String contentType, byte[] payload, boolean ownBody, String patientHash) {
        String id = TimeOrderedIds.next();
        jdbc.update("INSERT INTO dispatch (id, delivery_id, bundle_id, status, created_at) VALUES (?, ?, ?, 'PENDING', ?)",
                id, deliveryId, bundleId, now());
        if (ownBody) {
            jdbc.update("INSERT INTO dispatch_body (dispatch_id, payload) VALUES (?, ?)", id, StoredDocuments.pack(payload));
        }
        return new Dispatch(id, deliveryId, messageId, messageHeaderId, partnerId, bundleId, contentType, payload, "PENDING", null,
                patientHash);
    }

    /** A further copy of a delivery, e.g. a resend with a new Bundle.id after no acknowledgement came. */
    @Transactional
    public Dispatch resend(String deliveryId, String bundleId, byte[] payload, String reason) {
        Dispatch previous = latestDispatch(deliveryId).orElseThrow();
        jdbc.update("UPDATE delivery SET resend_count = resend_count + 1, status = 'QUEUED', updated_at = ? WHERE id = ?", now(), deliveryId);
        messages.event(previous.messageId(), previous.partnerId(), "resent", reason + "; new Bundle.id " + bundleId);
        return newDispatch(deliveryId, previous.messageId(), previous.messageHeaderId(), previous.partnerId(), bundleId,
                previous.contentType(), payload, true, previous.patientHash());
    }

    private static final String DISPATCH_SELECT = "SELECT d.id, d.delivery_id, m.id, m.message_header_id, dl.partner_id,"
            + " d.bundle_id, m.content_type, COALESCE(b.payload, mb.payload), d.status, m.received_at, m.patient_hash FROM dispatch d"
            + " JOIN delivery dl ON dl.id = d.delivery_id JOIN message m ON m.id = dl.message_id"
            + " LEFT JOIN dispatch_body b ON b.dispatch_id = d.id LEFT JOIN message_body mb ON mb.message_id = m.id ";

    private List<Dispatch> dispatches(String where, Object... args) {
        return jdbc.query(DISPATCH_SELECT + where, (rs, n) -> new Dispatch(rs.getString(1), rs.getString(2), rs.getLong(3),
                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), StoredDocuments.unpack(rs.getBytes(8)), rs.getString(9),
                rs.getObject(10, OffsetDateTime.class), rs.getString(11)), args);
    }

    public Optional<Dispatch> dispatch(String dispatchId) {
        return dispatches("WHERE d.id = ?", dispatchId).stream().findFirst();
    }

    private Optional<Dispatch> latestDispatch(String deliveryId) {
        return dispatches("WHERE d.delivery_id = ? ORDER BY d.created_at DESC", deliveryId).stream().findFirst();
    }

    /** Copies that were stored but may never have reached their queue (the gateway stopped in between). */
    public List<Dispatch> unqueuedBefore(OffsetDateTime cutoff) {
        return dispatches("WHERE d.status = 'PENDING' AND d.created_at < ? ORDER BY d.created_at", cutoff);
    }

    /** The status and its trail step in one commit (two, without the transaction: each costs an H2 chunk write). */
    @Transactional
    public void markQueued(Dispatch dispatch) {
        if (jdbc.update("UPDATE dispatch SET status = 'QUEUED' WHERE id = ? AND status = 'PENDING'", dispatch.id()) > 0) {
            messages.event(dispatch.messageId(), dispatch.partnerId(), "queued", "on " + "delivery." + dispatch.partnerId());
        }
    }

    @Transactional
    public void markTransferred(Dispatch dispatch, String detail) {
        jdbc.update("UPDATE dispatch SET status = 'TRANSFERRED', transferred_at = ? WHERE id = ?", now(), dispatch.id());
        jdbc.update("UPDATE delivery SET status = 'TRANSFERRED', last_transfer_at = ?, updated_at = ? WHERE id = ? AND status = 'QUEUED'",
                now(), now(), dispatch.deliveryId());
        messages.event(dispatch.messageId(), dispatch.partnerId(), "delivered", detail);
        messages.setStatus(dispatch.messageId(), "DELIVERED");
    }

    @Transactional
    public void markDeadLettered(Dispatch dispatch, String reason) {
        jdbc.update("UPDATE dispatch SET status = 'DEAD_LETTERED' WHERE id = ?", dispatch.id());
        jdbc.update("UPDATE delivery SET status = 'DEAD_LETTERED', updated_at = ? WHERE id = ?", now(), dispatch.deliveryId());
        messages.event(dispatch.messageId(), dispatch.partnerId(), "dead-lettered", reason);
        messages.setStatus(dispatch.messageId(), "DEAD_LETTERED");
    }

    /** A delivery handed to its receiver whose acknowledgement is overdue. */
    public record Unanswered(String deliveryId, long messageId, String partnerId, int resendCount) {
    }

    public List<Unanswered> unansweredSince(OffsetDateTime cutoff) {
        return jdbc.query("SELECT id, message_id, partner_id, resend_count FROM delivery WHERE status = 'TRANSFERRED'"
                        + " AND last_transfer_at < ? ORDER BY last_transfer_at",
                (rs, n) -> new Unanswered(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getInt(4)), cutoff);
    }

    public void markUnanswered(Unanswered delivery) {
        jdbc.update("UPDATE delivery SET status = 'UNACKNOWLEDGED', updated_at = ? WHERE id = ?", now(), delivery.deliveryId());
        messages.setStatus(delivery.messageId(), "UNACKNOWLEDGED");
    }

    /** The deliveries of a message, for correlating a receiver's acknowledgement. */
    public record DeliveryRow(String id, long messageId, String partnerId, String status) {
    }

    public List<DeliveryRow> deliveriesOf(long messageId) {
        return jdbc.query("SELECT id, message_id, partner_id, status FROM delivery WHERE message_id = ?",
                (rs, n) -> new DeliveryRow(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4)), messageId);
    }

    public void recordReceiverAck(DeliveryRow delivery, String code, String status) {
        jdbc.update("UPDATE delivery SET receiver_ack = ?, status = ?, updated_at = ? WHERE id = ?", code, status, now(), delivery.id());
    }

    /** Where a delivery has failed and waits for a person: the states the support desk may resend or discard. */
    public static final List<String> FAILED = List.of("DEAD_LETTERED", "UNACKNOWLEDGED", "RECEIVER_REJECTED");

    public static boolean failed(DeliveryRow delivery) {
        return FAILED.contains(delivery.status());
    }

    /**
     * Moves a failed delivery to a new status, unless someone else has already acted on it (then
     * false): two support staff acting on the same message at once must not resend it twice.
     */
    public boolean claimFailed(String deliveryId, String status) {
        return jdbc.update("UPDATE delivery SET status = ?, updated_at = ? WHERE id = ? AND status IN ('DEAD_LETTERED', 'UNACKNOWLEDGED', 'RECEIVER_REJECTED')",
                status, now(), deliveryId) > 0;
    }

    /**
     * Marks the delivery's dead-lettered copies as dealt with (superseded by a resend, or
     * discarded) and returns their ids, so their copies can be taken off the dead-letter queue.
     */
    public List<String> retireDeadLetters(String deliveryId, String dispatchStatus) {
        List<String> ids = jdbc.queryForList("SELECT id FROM dispatch WHERE delivery_id = ? AND status = 'DEAD_LETTERED'",
                String.class, deliveryId);
        jdbc.update("UPDATE dispatch SET status = ? WHERE delivery_id = ? AND status = 'DEAD_LETTERED'", dispatchStatus, deliveryId);
        return ids;
    }

    /** A first copy for a receiver the message was not addressed to, e.g. the corrected receiver of a misaddressed message. */
    @Transactional
    public Dispatch addDelivery(StoredMessage message, String partnerId, String bundleId, byte[] payload, String reason) {
        String deliveryId = TimeOrderedIds.next();
        jdbc.update("INSERT INTO delivery (id, message_id, partner_id, status, resend_count, updated_at) VALUES (?, ?, ?, 'QUEUED', 0, ?)",
                deliveryId, message.id(), partnerId, now());
        messages.event(message.id(), partnerId, "resent", reason + "; new Bundle.id " + bundleId);
        String patientHash = jdbc.queryForObject("SELECT patient_hash FROM message WHERE id = ?", String.class, message.id());
        return newDispatch(deliveryId, message.id(), message.messageHeaderId(), partnerId, bundleId, message.contentType(), payload, true,
                patientHash);
    }

    /** A receiver's queue as the ledger sees it: copies stored or queued and not yet handed over, and when the oldest was made. */
    public record QueueDepth(String partnerId, int depth, OffsetDateTime oldestCreatedAt) {
    }

    /** Queue depth per receiver that has anything waiting, by partner id. */
    public Map<String, QueueDepth> queueDepths() {
        Map<String, QueueDepth> depths = new HashMap<>();
        jdbc.query("SELECT dl.partner_id, COUNT(*), MIN(d.created_at) FROM dispatch d JOIN delivery dl ON dl.id = d.delivery_id"
                        + " WHERE d.status IN ('PENDING', 'QUEUED') GROUP BY dl.partner_id",
                rs -> {
                    depths.put(rs.getString(1), new QueueDepth(rs.getString(1), rs.getInt(2), rs.getObject(3, OffsetDateTime.class)));
                });
        return depths;
    }

}
