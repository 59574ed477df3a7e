package dk.medcomgateway.supportdesk;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Finds messages in the ledger for the support desk. Answers summaries only: never a payload,
 * and never the patient, who can be searched for by keyed hash but is not shown.
 */
@Repository
public class MessageSearch {

    private final JdbcTemplate jdbc;

    public MessageSearch(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * What to look for; null fields are not filtered on. {@code receivers} are the ids a receiver
     * may be known by (its partner id, SOR code, GLN); {@code bundleId} matches the received
     * Bundle.id and that of any copy sent on; {@code from} is inclusive, {@code to} exclusive.
     */
    public record Criteria(String messageHeaderId, String bundleId, String sender, List<String> receivers, String eventCode,
                           String status, OffsetDateTime from, OffsetDateTime to, String patientHash, int limit) {
    }

    public record Summary(String messageHeaderId, String bundleId, String eventCode, String sender, String receivers,
                          String channel, String status, OffsetDateTime receivedAt, OffsetDateTime updatedAt) {
    }

    /** Newest first. */
    public List<Summary> find(Criteria criteria) {
        StringBuilder sql = new StringBuilder("SELECT m.message_header_id, m.bundle_id, m.event_code, m.sender, m.receivers,"
                + " m.channel, m.status, m.received_at, m.updated_at FROM message m WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (criteria.messageHeaderId() != null) {
            sql.append(" AND m.message_header_id = ?");
            args.add(criteria.messageHeaderId());
        }
        if (criteria.bundleId() != null) {
            sql.append(" AND (m.bundle_id = ? OR EXISTS (SELECT 1 FROM dispatch d JOIN delivery dl ON dl.id = d.delivery_id"
                    + " WHERE dl.message_id = m.id AND d.bundle_id = ?))");
            args.add(criteria.bundleId());
            args.add(criteria.bundleId());
        }
        if (criteria.sender() != null) {
            sql.append(" AND m.sender = ?");
            args.add(criteria.sender());
        }
        if (criteria.receivers() != null) {
            // A receiver it was addressed to (receivers is a comma-separated list), or one it was sent to since.
            List<String> any = new ArrayList<>();
            for (String receiver : criteria.receivers()) {
                any.add("(',' || m.receivers || ',') LIKE ?");
                args.add("%," + receiver + ",%");
                any.add("EXISTS (SELECT 1 FROM delivery dl WHERE dl.message_id = m.id AND dl.partner_id = ?)");
                args.add(receiver);
            }
            sql.append(" AND (").append(String.join(" OR ", any)).append(")");
        }
        if (criteria.eventCode() != null) {
            sql.append(" AND m.event_code = ?");
            args.add(criteria.eventCode());
        }
        if (criteria.status() != null) {
            sql.append(" AND m.status = ?");
            args.add(criteria.status());
        }
        if (criteria.from() != null) {
            sql.append(" AND m.received_at >= ?");
            args.add(criteria.from());
        }
        if (criteria.to() != null) {
            sql.append(" AND m.received_at < ?");
            args.add(criteria.to());
        }
        if (criteria.patientHash() != null) {
            sql.append(" AND m.patient_hash = ?");
            args.add(criteria.patientHash());
        }
        sql.append(" ORDER BY m.received_at DESC, m.id DESC LIMIT ?");
        args.add(criteria.limit());
        return jdbc.query(sql.toString(), (rs, n) -> new Summary(rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getObject(8, OffsetDateTime.class),
                rs.getObject(9, OffsetDateTime.class)), args.toArray());
    }
}
