package dk.medcomgateway.ledger;

import static dk.medcomgateway.ledger.MessageLedger.now;

import java.sql.PreparedStatement;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
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
                              OffsetDateTime openedAt, OffsetDateTime closedAt, String closedBy, String closeNote,
                              String messageHeaderId) {
    }

    /** Which cases a listing shows. */
    public enum Filter {
        OPEN, CLOSED, ALL
    }

    private static final String SELECT = "SELECT id, message_id, partner_id, kind, detail, status, opened_at, closed_at, closed_by,"
            + " close_note, (SELECT m.message_header_id FROM message m WHERE m.id = support_case.message_id) FROM support_case ";

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

    /** The gateway itself closes a case (e.g. the awaited report came); a case already closed stays as it was. */
    public void close(long id, String note) {
        find(id).ifPresent(supportCase -> close(supportCase, "gateway", note));
    }

    public List<SupportCase> open() {
        return list(Filter.OPEN);
    }

    public List<SupportCase> list(Filter filter) {
        return switch (filter) {
            case OPEN -> query("WHERE status = 'OPEN' ORDER BY opened_at");
            case CLOSED -> query("WHERE status = 'CLOSED' ORDER BY closed_at DESC");
            case ALL -> query("ORDER BY opened_at");
        };
    }

    public Optional<SupportCase> find(long id) {
        return query("WHERE id = ?", id).stream().findFirst();
    }

    public List<SupportCase> openOf(long messageId) {
        return query("WHERE message_id = ? AND status = 'OPEN' ORDER BY opened_at", messageId);
    }

    /** Closes an open case with a note on the message's trail; false when it was not open (any more). */
    public boolean close(SupportCase supportCase, String closedBy, String note) {
        boolean closed = jdbc.update("UPDATE support_case SET status = 'CLOSED', closed_at = ?, closed_by = ?, close_note = ?"
                + " WHERE id = ? AND status = 'OPEN'", now(), closedBy, MessageLedger.truncate(note), supportCase.id()) > 0;
        if (closed && supportCase.messageId() != null) {
            messages.event(supportCase.messageId(), supportCase.partnerId(), "case-closed",
                    supportCase.kind() + " closed by " + closedBy + ": " + note);
        }
        return closed;
    }

    private List<SupportCase> query(String where, Object... args) {
        return jdbc.query(SELECT + where,
                (rs, n) -> new SupportCase(rs.getLong(1), (Long) rs.getObject(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getObject(7, OffsetDateTime.class),
                        rs.getObject(8, OffsetDateTime.class), rs.getString(9), rs.getString(10), rs.getString(11)), args);
    }
}
