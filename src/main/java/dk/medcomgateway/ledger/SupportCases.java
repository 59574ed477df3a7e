package dk.medcomgateway.ledger;

import static dk.medcomgateway.ledger.MessageLedger.now;

import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Cases the gateway raises for the support desk: messages a person has to look at. */
@Repository
public class SupportCases {

    private final JdbcTemplate jdbc;
    private final MessageLedger messages;

    public SupportCases(JdbcTemplate jdbc, MessageLedger messages) {
        this.jdbc = jdbc;
        this.messages = messages;
    }

    public record SupportCase(long id, Long messageId, String partnerId, String kind, String detail, String status,
                              OffsetDateTime openedAt) {
    }

    public void open(long messageId, String partnerId, String kind, String detail) {
        jdbc.update("INSERT INTO support_case (message_id, partner_id, kind, detail, status, opened_at) VALUES (?, ?, ?, ?, 'OPEN', ?)",
                messageId, partnerId, kind, MessageLedger.truncate(detail), now());
        messages.event(messageId, partnerId, "case-opened", kind + ": " + detail);
    }

    public List<SupportCase> open() {
        return jdbc.query("SELECT id, message_id, partner_id, kind, detail, status, opened_at FROM support_case"
                        + " WHERE status = 'OPEN' ORDER BY opened_at",
                (rs, n) -> new SupportCase(rs.getLong(1), (Long) rs.getObject(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getObject(7, OffsetDateTime.class)));
    }
}
