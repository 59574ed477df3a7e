package dk.medcomgateway.supportdesk;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** A message's whole story as the ledger knows it, for the support desk and the API. */
@Repository
public class MessageTrail {

    private final JdbcTemplate jdbc;

    public MessageTrail(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public record Trail(String messageHeaderId, String bundleId, String eventCode, String sender, String receivers,
                        String channel, String status, String ackCode, OffsetDateTime receivedAt,
                        List<Delivery> deliveries, List<Step> steps) {
    }

    public record Delivery(String partnerId, String status, int resendCount, OffsetDateTime lastTransferAt, String receiverAck) {
    }

    public record Step(OffsetDateTime at, String step, String partnerId, String detail) {
    }

    public Optional<Trail> find(String messageHeaderId) {
        return jdbc.query("SELECT m.id, m.message_header_id, m.bundle_id, m.event_code, m.sender, m.receivers, m.channel, m.status,"
                        + " a.code, m.received_at FROM message m LEFT JOIN ack_sent a ON a.message_id = m.id WHERE m.message_header_id = ?",
                (rs, n) -> {
                    long id = rs.getLong(1);
                    return new Trail(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                            rs.getString(7), rs.getString(8), rs.getString(9), rs.getObject(10, OffsetDateTime.class),
                            deliveries(id), steps(id));
                }, messageHeaderId).stream().findFirst();
    }

    private List<Delivery> deliveries(long messageId) {
        return jdbc.query("SELECT partner_id, status, resend_count, last_transfer_at, receiver_ack FROM delivery WHERE message_id = ?",
                (rs, n) -> new Delivery(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getObject(4, OffsetDateTime.class),
                        rs.getString(5)), messageId);
    }

    private List<Step> steps(long messageId) {
        return jdbc.query("SELECT at, step, partner_id, detail FROM message_event WHERE message_id = ? ORDER BY id",
                (rs, n) -> new Step(rs.getObject(1, OffsetDateTime.class), rs.getString(2), rs.getString(3), rs.getString(4)),
                messageId);
    }
}
