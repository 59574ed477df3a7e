package dk.medcomgateway.ledger;

import static dk.medcomgateway.ledger.MessageLedger.now;

import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
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

    /** Opens a case about a message and returns its id. */
    public long open(long messageId, String partnerId, String kind, String detail) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.update(connection -> {
            PreparedStatement insert = connection.prepareStatement("INSERT INTO support_case"
                    + " (message_id, partner_id, kind, detail, status, opened_at) VALUES (?, ?, ?, ?, 'OPEN', ?)", new String[] {"id"});
            insert.setLong(1, messageId);
            insert.setString(2, partnerId);
            insert.setString(3, kind);
            insert.setString(4, MessageLedger.truncate(detail));
            insert.setObject(5, now());
            return insert;
        }, key);
        messages.event(messageId, partnerId, "case-opened", kind + ": " + detail);
        return key.getKey().longValue();
    }

    /** Closes an open case, saying why; a case already closed stays as it was. */
    public void close(long id, String note) {
        List<Long> messageIds = jdbc.queryForList("SELECT message_id FROM support_case WHERE id = ? AND status = 'OPEN'", Long.class, id);
        if (messageIds.isEmpty()) {
            return;
        }
        jdbc.update("UPDATE support_case SET status = 'CLOSED', closed_at = ?, closing_note = ? WHERE id = ? AND status = 'OPEN'",
                now(), MessageLedger.truncate(note), id);
        if (messageIds.get(0) != null) {
            messages.event(messageIds.get(0), null, "case-closed", note);
        }
    }

    public List<SupportCase> open() {
        return jdbc.query("SELECT id, message_id, partner_id, kind, detail, status, opened_at FROM support_case"
                        + " WHERE status = 'OPEN' ORDER BY opened_at",
                (rs, n) -> new SupportCase(rs.getLong(1), (Long) rs.getObject(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getObject(7, OffsetDateTime.class)));
    }
}
