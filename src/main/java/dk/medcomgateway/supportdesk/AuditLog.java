package dk.medcomgateway.supportdesk;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Who did what, when, to which message or case, and why. An entry is written in the transaction
 * of the action it records, so there is no action without its entry and no entry without its action.
 */
@Repository
public class AuditLog {

    public record Entry(long id, OffsetDateTime at, String actor, String action, String target, String reason) {
    }

    private final JdbcTemplate jdbc;

    public AuditLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void record(String actor, String action, String target, String reason) {
        jdbc.update("INSERT INTO audit_log (at, actor, action, target, reason) VALUES (?, ?, ?, ?, ?)",
                OffsetDateTime.now(ZoneOffset.UTC), actor, action, target, reason);
    }

    /** Newest first; null arguments are not filtered on; {@code from} inclusive, {@code to} exclusive. */
    public List<Entry> find(OffsetDateTime from, OffsetDateTime to, String actor, int limit) {
        StringBuilder sql = new StringBuilder("SELECT id, at, actor, action, target, reason FROM audit_log WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (from != null) {
            sql.append(" AND at >= ?");
            args.add(from);
        }
        if (to != null) {
            sql.append(" AND at < ?");
            args.add(to);
        }
        if (actor != null) {
            sql.append(" AND actor = ?");
            args.add(actor);
        }
        sql.append(" ORDER BY at DESC, id DESC LIMIT ?");
        args.add(limit);
        return jdbc.query(sql.toString(), (rs, n) -> new Entry(rs.getLong(1), rs.getObject(2, OffsetDateTime.class),
                rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6)), args.toArray());
    }
}
