package dk.medcomgateway.ledger;

import dk.medcomgateway.message.AlreadyAnsweredException;
import dk.medcomgateway.message.IncomingMessage;
import dk.medcomgateway.message.MessageRejectedException;
import dk.medcomgateway.message.StoredMessage;
import dk.medcomgateway.message.ValidationIssue;
import dk.medcomgateway.privacy.CprMask;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The message side of the ledger: one row per MessageHeader.id, its trail of events and the
 * acknowledgement it was given. CPR numbers never reach it: only their keyed hash.
 */
@Repository
public class MessageLedger {

    static final String BUNDLE_ID_REUSED = "MSG_ID_NOT_UNIQUE";

    private final JdbcTemplate jdbc;

    public MessageLedger(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    /**
     * Records that a message arrived, in the transaction that also records its answer, and returns its ledger id (see
     * {@link #recordArrival}). The first MessageHeader.id to use a Bundle.id owns it ({@link #rejectReusedBundleId}).
     */
    @Transactional
    public long recordReceived(IncomingMessage message) {
        // The message's key first: a copy racing this one stops there, before it could meet this one's Bundle.id.
        long id = recordArrival(new Arrival(message.messageHeaderId(), message.bundleId(), message.eventCode(), message.sender(),
                message.receivers(), message.patientHash(), message.channel(), message.format().mediaType(), message.body()));
        if (message.bundleId() != null) {
            jdbc.update("INSERT INTO received_bundle (bundle_id, message_header_id) SELECT ?, ? WHERE NOT EXISTS"
                            + " (SELECT 1 FROM received_bundle WHERE bundle_id = ?)",
                    message.bundleId(), message.messageHeaderId(), message.bundleId());
        }
        event(id, null, "received", "via " + message.channel() + ", Bundle.id " + message.bundleId());
        return id;
    }

    /**
     * Rejects a message whose Bundle.id another MessageHeader.id already used: a new message needs a new Bundle.id.
     * Read before the message is recorded; two new messages racing for one Bundle.id both pass, and the first to
     * commit stays the Bundle.id's owner.
     */
    public void rejectReusedBundleId(IncomingMessage message) {
        List<String> owner = jdbc.queryForList("SELECT message_header_id FROM received_bundle WHERE bundle_id = ?",
                String.class, message.bundleId());
        if (!owner.isEmpty() && !owner.get(0).equals(message.messageHeaderId())) {
            throw new MessageRejectedException(List.of(ValidationIssue.error("MEDCOM_BUNDLE_ID_REUSED", BUNDLE_ID_REUSED,
                    "Bundle.id", "Bundle.id " + message.bundleId() + " was already used by message " + owner.get(0)
                            + "; a new message needs a new Bundle.id")));
        }
    }

    /**
     * A message as the ledger records its arrival, whatever its syntax (FHIR message, legacy letter).
     *
     * @param messageHeaderId the message's unique key: MessageHeader.id, or a letter's key (see legacy.Letter)
     */
    public record Arrival(String messageHeaderId, String bundleId, String eventCode, String sender, String receivers,
                          String patientHash, String channel, String contentType, byte[] body) {
    }

    /**
     * Records that a message arrived and returns its ledger id. It is called in the transaction that also stores the
     * message's answer (its acceptance or rejection), so the ledger's unique key is the duplicate store: a key with a
     * row has its answer, and another copy of the message that races this one fails on the key and is answered as the
     * duplicate it is ({@link AlreadyAnsweredException}). A row without an answer (left by a version of the gateway that
     * recorded arrivals on their own) is reused, so a key has one row and one trail.
     */
    @Transactional
    public long recordArrival(Arrival message) {
        List<Long> existing = jdbc.queryForList("SELECT id FROM message WHERE message_header_id = ? FOR UPDATE", Long.class,
                message.messageHeaderId());
        long id;
        if (existing.isEmpty()) {
            id = insertArrival(message);
        } else {
            id = existing.get(0);
            if (answered(message.messageHeaderId())) {
                throw new AlreadyAnsweredException(message.messageHeaderId());
            }
            jdbc.update("UPDATE message SET bundle_id = ?, content_type = ?, status = 'RECEIVED', updated_at = ? WHERE id = ?",
                    message.bundleId(), message.contentType(), now(), id);
            jdbc.update("DELETE FROM message_body WHERE message_id = ?", id);
        }
        if (message.body() != null) {
            jdbc.update("INSERT INTO message_body (message_id, payload) VALUES (?, ?)", id, StoredDocuments.pack(message.body()));
        }
        return id;
    }

    private long insertArrival(Arrival message) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        try {
            jdbc.update(con -> {
                PreparedStatement insert = con.prepareStatement("INSERT INTO message (message_header_id, bundle_id, event_code, sender,"
                        + " receivers, patient_hash, channel, content_type, status, received_at, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'RECEIVED', ?, ?)", new String[] {"id"});
                insert.setString(1, message.messageHeaderId());
                insert.setString(2, message.bundleId());
                insert.setString(3, message.eventCode());
                insert.setString(4, message.sender());
                insert.setString(5, message.receivers());
                insert.setString(6, message.patientHash());
                insert.setString(7, message.channel());
                insert.setString(8, message.contentType());
                insert.setObject(9, now());
                insert.setObject(10, now());
                return insert;
            }, key);
        } catch (DuplicateKeyException anotherCopy) {
            throw new AlreadyAnsweredException(message.messageHeaderId());
        }
        return key.getKey().longValue();
    }

    /** Records a body refused before it could be taken as a message, so it still shows in the ledger; returns its ledger id. */
    public long recordRefused(String channel, String contentType, String reason) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.update(con -> {
            PreparedStatement insert = con.prepareStatement("INSERT INTO message (channel, content_type, status, received_at, updated_at)"
                    + " VALUES (?, ?, 'REFUSED', ?, ?)", new String[] {"id"});
            insert.setString(1, channel);
            insert.setString(2, contentType);
            insert.setObject(3, now());
            insert.setObject(4, now());
            return insert;
        }, key);
        event(key.getKey().longValue(), null, "refused", CprMask.mask(reason));
        return key.getKey().longValue();
    }

    /** The trail step of a message's validation warnings (the validator's summary of them). */
    public void validationWarnings(long messageId, String summary) {
        event(messageId, null, "validation-warnings", summary);
    }

    public void event(long messageId, String partnerId, String step, String detail) {
        jdbc.update("INSERT INTO message_event (message_id, partner_id, at, step, detail) VALUES (?, ?, ?, ?, ?)",
                messageId, partnerId, now(), step, truncate(detail));
    }

    public void setStatus(long messageId, String status) {
        jdbc.update("UPDATE message SET status = ?, updated_at = ? WHERE id = ?", status, now(), messageId);
    }

    /** Stores the acknowledgement given for a message; it is what duplicates are answered with. */
    public void storeAck(long messageId, String code, String contentType, byte[] ack) {
        jdbc.update("DELETE FROM ack_sent WHERE message_id = ?", messageId);
        jdbc.update("INSERT INTO ack_sent (message_id, code, content_type, payload, created_at) VALUES (?, ?, ?, ?, ?)",
                messageId, code, contentType, StoredDocuments.pack(ack), now());
    }

    @Transactional
    public void reject(long messageId, String contentType, byte[] ack, List<ValidationIssue> issues) {
        setStatus(messageId, "REJECTED");
        storeAck(messageId, "fatal-error", contentType, ack);
        event(messageId, null, "rejected", issues.stream().map(ValidationIssue::text).reduce((a, b) -> a + "; " + b).orElse(""));
    }

    public record StoredAck(long messageId, String code, String contentType, byte[] payload) {
    }

    /** Keeps a receiver's acknowledgement document on the message it answers. */
    public void storeReceiverAck(long messageId, String partnerId, String code, String contentType, byte[] ack) {
        jdbc.update("INSERT INTO receiver_ack (message_id, partner_id, code, content_type, payload, received_at) VALUES (?, ?, ?, ?, ?, ?)",
                messageId, partnerId, code, contentType, StoredDocuments.pack(ack), now());
    }

    /** An acknowledgement document: the one the gateway sent (partnerId null) or one a receiver sent. */
    public record AckDocument(String partnerId, String code, OffsetDateTime at, String contentType, String body) {
    }

    /** The acknowledgement the gateway gave the sender, then the receivers' ones in the order they came. */
    public List<AckDocument> ackDocuments(String messageHeaderId) {
        List<AckDocument> documents = new ArrayList<>(jdbc.query("SELECT a.code, a.created_at, a.content_type, a.payload"
                        + " FROM ack_sent a JOIN message m ON m.id = a.message_id WHERE m.message_header_id = ?",
                (rs, n) -> new AckDocument(null, rs.getString(1), rs.getObject(2, OffsetDateTime.class), rs.getString(3),
                        decode(StoredDocuments.unpack(rs.getBytes(4)), rs.getString(3))), messageHeaderId));
        documents.addAll(jdbc.query("SELECT r.partner_id, r.code, r.received_at, r.content_type, r.payload FROM receiver_ack r"
                        + " JOIN message m ON m.id = r.message_id WHERE m.message_header_id = ? ORDER BY r.id",
                (rs, n) -> new AckDocument(rs.getString(1), rs.getString(2), rs.getObject(3, OffsetDateTime.class), rs.getString(4),
                        decode(StoredDocuments.unpack(rs.getBytes(5)), rs.getString(4))), messageHeaderId));
        return documents;
    }

    /** A stored document as text, in the charset its Content-Type names (a legacy receipt may be windows-1252); else UTF-8. */
    static String decode(byte[] body, String contentType) {
        Charset charset = StandardCharsets.UTF_8;
        try {
            if (contentType != null) {
                charset = Optional.ofNullable(MediaType.parseMediaType(contentType).getCharset()).orElse(charset);
            }
        } catch (IllegalArgumentException unknown) {
            // not a media type, or a charset this JVM lacks: UTF-8
        }
        return new String(body, charset);
    }

    /** Whether the message has its answer stored; {@link #storedAck} reads the answer itself. */
    public boolean answered(String messageHeaderId) {
        return !jdbc.queryForList("SELECT 1 FROM ack_sent a JOIN message m ON m.id = a.message_id WHERE m.message_header_id = ?",
                Integer.class, messageHeaderId).isEmpty();
    }

    public Optional<StoredAck> storedAck(String messageHeaderId) {
        return jdbc.query("SELECT m.id, a.code, a.content_type, a.payload FROM ack_sent a JOIN message m ON m.id = a.message_id"
                        + " WHERE m.message_header_id = ?",
                (rs, n) -> new StoredAck(rs.getLong(1), rs.getString(2), rs.getString(3), StoredDocuments.unpack(rs.getBytes(4))),
                messageHeaderId).stream().findFirst();
    }

    public Optional<Long> idOf(String messageHeaderId) {
        return jdbc.queryForList("SELECT id FROM message WHERE message_header_id = ?", Long.class, messageHeaderId)
                .stream().findFirst();
    }

    public Optional<StoredMessage> message(long id) {
        return jdbc.query("SELECT m.id, m.message_header_id, m.bundle_id, m.content_type, b.payload FROM message m"
                        + " LEFT JOIN message_body b ON b.message_id = m.id WHERE m.id = ?",
                (rs, n) -> new StoredMessage(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), StoredDocuments.unpack(rs.getBytes(5))), id)
                .stream().findFirst();
    }


    /** Acknowledgements the gateway answered with other than {@code ok} since the given time: the messages it refused. */
    public int refusedSince(OffsetDateTime since) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM ack_sent WHERE created_at >= ? AND code <> 'ok'", Integer.class, since);
    }

    static String truncate(String text) {
        return text == null || text.length() <= 2000 ? text : text.substring(0, 1997) + "...";
    }
}
