package dk.medcomgateway.supportdesk;

import dk.medcomgateway.privacy.CprMask;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What went wrong in a time range, for the weekly support meeting: failed deliveries (dead-lettered,
 * unacknowledged, rejected by the receiver, discarded) by when they last changed, and support cases by
 * when they were opened. Ids and codes only: no patient, no payload; details are CPR-masked besides.
 */
@Component
public class FailureReport {

    /** One line of the report. {@code record} is "delivery" or "case". */
    public record Line(OffsetDateTime at, String record, String messageHeaderId, String event, String sender,
                       String receiver, String status, String detail) {
    }

    private final JdbcTemplate jdbc;

    public FailureReport(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Lines from {@code from} (inclusive) to {@code to} (exclusive), oldest first. */
    public List<Line> between(OffsetDateTime from, OffsetDateTime to) {
        List<Line> lines = new ArrayList<>(jdbc.query("SELECT dl.updated_at, m.message_header_id, m.event_code, m.sender,"
                        + " dl.partner_id, dl.status, (SELECT e.detail FROM message_event e WHERE e.message_id = dl.message_id"
                        + " AND e.partner_id = dl.partner_id ORDER BY e.id DESC FETCH FIRST 1 ROW ONLY) AS detail"
                        + " FROM delivery dl JOIN message m ON m.id = dl.message_id"
                        + " WHERE dl.status IN ('DEAD_LETTERED', 'UNACKNOWLEDGED', 'RECEIVER_REJECTED', 'DISCARDED')"
                        + " AND dl.updated_at >= ? AND dl.updated_at < ?",
                (rs, i) -> new Line(rs.getObject(1, OffsetDateTime.class), "delivery", rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), CprMask.mask(rs.getString(7))),
                from, to));
        lines.addAll(jdbc.query("SELECT c.opened_at, m.message_header_id, m.event_code, m.sender, c.partner_id, c.kind,"
                        + " c.status, c.detail FROM support_case c LEFT JOIN message m ON m.id = c.message_id"
                        + " WHERE c.opened_at >= ? AND c.opened_at < ?",
                (rs, i) -> new Line(rs.getObject(1, OffsetDateTime.class), "case", rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6) + " (" + rs.getString(7).toLowerCase() + ")",
                        CprMask.mask(rs.getString(8))),
                from, to));
        lines.sort(Comparator.comparing(Line::at));
        return lines;
    }
}
