package dk.medcomgateway.ledger;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The ledger's side of retention: which messages are due, and taking away their bodies (the payloads of the
 * message and its copies) or the whole message with its trail, deliveries, acknowledgements and episode
 * entries. Never due: a message with a copy still waiting for its receiver, an open support case, or a legal
 * hold. A pruned message leaves a tombstone, so the support desk can say when it went.
 */
@Repository
public class LedgerPruning {

    /** A message of a family: the event codes named, or (others) every code not in that list, unreadable ones too. */
    public record Family(List<String> eventCodes, boolean others) {
    }

    public record Due(long id, String messageHeaderId, String eventCode, String sender, String contentType,
                      OffsetDateTime receivedAt, OffsetDateTime bodyPrunedAt) {
    }

    /** Where an archived body went (see BodyArchive). */
    public record Archived(String messageHeaderId, String contentType, String file, String entry) {
    }

    public record Tombstone(String messageHeaderId, String eventCode, String sender, OffsetDateTime receivedAt,
                            OffsetDateTime bodyPrunedAt, OffsetDateTime prunedAt) {
    }

    private static final String NOTHING_PROTECTS = " AND m.legal_hold IS NULL"
            + " AND NOT EXISTS (SELECT 1 FROM delivery d WHERE d.message_id = m.id AND d.status = 'QUEUED')"
            + " AND NOT EXISTS (SELECT 1 FROM delivery d JOIN dispatch p ON p.delivery_id = d.id"
            + "     WHERE d.message_id = m.id AND p.status IN ('PENDING', 'QUEUED'))"
            + " AND NOT EXISTS (SELECT 1 FROM support_case c WHERE c.message_id = m.id AND c.status = 'OPEN')";

    private static final String DUE_COLUMNS = "SELECT m.id, m.message_header_id, m.event_code, m.sender, m.content_type,"
            + " m.received_at, m.body_pruned_at FROM message m WHERE m.received_at < :cutoff";

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;

    public LedgerPruning(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
    }

    /** Oldest first: messages of the family received before the cutoff whose body is still kept. */
    public List<Due> bodiesDue(Family family, OffsetDateTime cutoff, int limit) {
        return due(DUE_COLUMNS + " AND m.body_pruned_at IS NULL", family, cutoff, limit);
    }

    /** Oldest first: messages of the family received before the cutoff. */
    public List<Due> messagesDue(Family family, OffsetDateTime cutoff, int limit) {
        return due(DUE_COLUMNS, family, cutoff, limit);
    }

    private List<Due> due(String select, Family family, OffsetDateTime cutoff, int limit) {
        MapSqlParameterSource parameters = new MapSqlParameterSource("cutoff", cutoff).addValue("limit", limit);
        String inFamily = "";
        if (!family.eventCodes().isEmpty()) {
            parameters.addValue("codes", family.eventCodes());
            inFamily = family.others() ? " AND (m.event_code IS NULL OR m.event_code NOT IN (:codes))" : " AND m.event_code IN (:codes)";
        } else if (!family.others()) {
            return List.of();
        }
        return named.query(select + inFamily + NOTHING_PROTECTS + " ORDER BY m.received_at LIMIT :limit", parameters,
                (rs, n) -> new Due(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getObject(6, OffsetDateTime.class), rs.getObject(7, OffsetDateTime.class)));
    }

    /** The message's body as received, or empty when it is gone. */
    public Optional<byte[]> body(long messageId) {
        return jdbc.queryForList("SELECT payload FROM message_body WHERE message_id = ?", byte[].class, messageId).stream()
                .findFirst().map(StoredDocuments::unpack);
    }

    /** Takes away the bodies of the message and its copies; the rest of the message stays, and its trail says so. */
    @Transactional
    public void pruneBodies(List<Due> batch, List<Archived> archived, String reason) {
        if (batch.isEmpty()) {
            return;
        }
        OffsetDateTime now = MessageLedger.now();
        Map<String, Object> ids = Map.of("ids", batch.stream().map(Due::id).toList());
        named.update("DELETE FROM dispatch_body WHERE dispatch_id IN (SELECT p.id FROM dispatch p JOIN delivery d ON d.id = p.delivery_id"
                + " WHERE d.message_id IN (:ids))", ids);
        named.update("DELETE FROM message_body WHERE message_id IN (:ids)", ids);
        named.update("UPDATE message SET body_pruned_at = :now WHERE id IN (:ids)", new MapSqlParameterSource(ids).addValue("now", now));
        jdbc.batchUpdate("INSERT INTO archived_body (message_header_id, content_type, archive_file, entry, archived_at) VALUES (?, ?, ?, ?, ?)",
                archived.stream().map(a -> new Object[] {a.messageHeaderId(), a.contentType(), a.file(), a.entry(), now}).toList());
        Map<String, Archived> byId = archived.stream().collect(Collectors.toMap(Archived::messageHeaderId, a -> a));
        jdbc.batchUpdate("INSERT INTO message_event (message_id, partner_id, at, step, detail) VALUES (?, NULL, ?, 'body-pruned', ?)",
                batch.stream().map(d -> new Object[] {d.id(), now, MessageLedger.truncate(reason
                        + (byId.containsKey(d.messageHeaderId()) ? "; archived in " + byId.get(d.messageHeaderId()).file() : ""))}).toList());
    }

    /**
     * Takes away whole messages: trail, deliveries and copies, acknowledgements, closed cases, their entries in
     * episodes (an episode left with none goes too) and their keys in the duplicate store (a message sent again
     * after this is a new one). A tombstone remains.
     */
    @Transactional
    public void pruneMessages(List<Due> batch) {
        if (batch.isEmpty()) {
            return;
        }
        OffsetDateTime now = MessageLedger.now();
        Map<String, Object> ids = Map.of("ids", batch.stream().map(Due::id).toList());
        Map<String, Object> keys = Map.of("keys", batch.stream().map(Due::messageHeaderId).toList());
        List<Long> episodes = named.queryForList("SELECT episode_id FROM episode_event WHERE message_id IN (:ids)"
                + " UNION SELECT episode_id FROM expected_document WHERE discharge_message IN (:ids) OR received_message IN (:ids)", ids, Long.class);
        named.update("UPDATE expected_document SET case_id = NULL WHERE case_id IN (SELECT id FROM support_case WHERE message_id IN (:ids))", ids);
        named.update("UPDATE expected_document SET received_message = NULL WHERE received_message IN (:ids)", ids);
        named.update("DELETE FROM expected_document WHERE discharge_message IN (:ids)", ids);
        named.update("DELETE FROM episode_event WHERE message_id IN (:ids)", ids);
        named.update("DELETE FROM discharge_fact WHERE message_id IN (:ids)", ids);
        if (!episodes.isEmpty()) {
            named.update("DELETE FROM episode WHERE id IN (:episodes)"
                    + " AND NOT EXISTS (SELECT 1 FROM episode_event e WHERE e.episode_id = episode.id)"
                    + " AND NOT EXISTS (SELECT 1 FROM expected_document x WHERE x.episode_id = episode.id)", Map.of("episodes", episodes));
        }
        named.update("DELETE FROM support_case WHERE message_id IN (:ids)", ids);
        named.update("DELETE FROM message_event WHERE message_id IN (:ids)", ids);
        named.update("DELETE FROM receiver_ack WHERE message_id IN (:ids)", ids);
        named.update("DELETE FROM ack_sent WHERE message_id IN (:ids)", ids);
        named.update("DELETE FROM dispatch_body WHERE dispatch_id IN (SELECT p.id FROM dispatch p JOIN delivery d ON d.id = p.delivery_id"
                + " WHERE d.message_id IN (:ids))", ids);
        named.update("DELETE FROM dispatch WHERE delivery_id IN (SELECT id FROM delivery WHERE message_id IN (:ids))", ids);
        named.update("DELETE FROM delivery WHERE message_id IN (:ids)", ids);
        named.update("DELETE FROM message_body WHERE message_id IN (:ids)", ids);
        named.update("DELETE FROM received_bundle WHERE message_header_id IN (:keys)", keys);
        jdbc.batchUpdate("INSERT INTO pruned_message (message_header_id, event_code, sender, received_at, body_pruned_at, pruned_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?)",
                batch.stream().map(d -> new Object[] {d.messageHeaderId(), d.eventCode(), d.sender(), d.receivedAt(),
                        d.bodyPrunedAt() == null ? now : d.bodyPrunedAt(), now}).toList());
        named.update("DELETE FROM message WHERE id IN (:ids)", ids);
    }

    public Optional<Tombstone> tombstone(String messageHeaderId) {
        return jdbc.query("SELECT message_header_id, event_code, sender, received_at, body_pruned_at, pruned_at FROM pruned_message"
                        + " WHERE message_header_id = ?",
                (rs, n) -> new Tombstone(rs.getString(1), rs.getString(2), rs.getString(3), rs.getObject(4, OffsetDateTime.class),
                        rs.getObject(5, OffsetDateTime.class), rs.getObject(6, OffsetDateTime.class)), messageHeaderId).stream().findFirst();
    }

    public Optional<Archived> archived(String messageHeaderId) {
        return jdbc.query("SELECT message_header_id, content_type, archive_file, entry FROM archived_body WHERE message_header_id = ?",
                (rs, n) -> new Archived(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)), messageHeaderId)
                .stream().findFirst();
    }

    /** When the message's body was pruned, if it was. */
    public Optional<OffsetDateTime> bodyPrunedAt(String messageHeaderId) {
        return jdbc.query("SELECT body_pruned_at FROM message WHERE message_header_id = ?",
                (rs, n) -> rs.getObject(1, OffsetDateTime.class), messageHeaderId).stream().filter(java.util.Objects::nonNull).findFirst();
    }

    /** A legal hold keeps the message, body and all, until it is released; null releases it. Returns false for an unknown message. */
    public boolean hold(String messageHeaderId, String reason) {
        return jdbc.update("UPDATE message SET legal_hold = ? WHERE message_header_id = ?", reason, messageHeaderId) == 1;
    }
}
