package dk.medcomgateway.outage;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Outages and their log, in the ledger database. */
@Repository
public class OutageRepository {

    private static final String COLUMNS = "id, kind, detected, cause, affected_partners, affected_types, start_at, expected_end,"
            + " contact_name, contact_phone, contact_email, status, status_text, late_notice, broadcast, reported_at,"
            + " handle_at, next_status_at, resolved_at";

    private final JdbcTemplate jdbc;

    public OutageRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Outage insert(Outage o) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.update(con -> {
            var ps = con.prepareStatement("INSERT INTO outage (kind, detected, cause, affected_partners, affected_types, start_at,"
                    + " expected_end, contact_name, contact_phone, contact_email, status, status_text, late_notice, broadcast,"
                    + " reported_at, handle_at, next_status_at, resolved_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    new String[] {"id"});
            ps.setString(1, o.kind().name());
            ps.setBoolean(2, o.detected());
            ps.setString(3, o.cause());
            ps.setString(4, String.join(",", o.affectedPartners()));
            ps.setString(5, String.join(",", o.affectedMessageTypes()));
            ps.setTimestamp(6, ts(o.start()));
            ps.setTimestamp(7, ts(o.expectedEnd()));
            ps.setString(8, o.contact() == null ? null : o.contact().name());
            ps.setString(9, o.contact() == null ? null : o.contact().phone());
            ps.setString(10, o.contact() == null ? null : o.contact().email());
            ps.setString(11, o.status().name());
            ps.setString(12, o.statusText());
            ps.setBoolean(13, o.lateNotice());
            ps.setBoolean(14, o.broadcast());
            ps.setTimestamp(15, ts(o.reportedAt()));
            ps.setTimestamp(16, ts(o.handleAt()));
            ps.setTimestamp(17, ts(o.nextStatusAt()));
            ps.setTimestamp(18, ts(o.resolvedAt()));
            return ps;
        }, key);
        return find(key.getKey().longValue()).orElseThrow();
    }

    /** Saves the fields that change over an outage's life. */
    public Outage update(Outage o) {
        jdbc.update("UPDATE outage SET expected_end = ?, status = ?, status_text = ?, broadcast = ?, next_status_at = ?,"
                        + " resolved_at = ?, start_at = ? WHERE id = ?",
                ts(o.expectedEnd()), o.status().name(), o.statusText(), o.broadcast(), ts(o.nextStatusAt()), ts(o.resolvedAt()),
                ts(o.start()), o.id());
        return find(o.id()).orElseThrow();
    }

    public Optional<Outage> find(long id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM outage WHERE id = ?", this::map, id).stream().findFirst();
    }

    public List<Outage> all() {
        return jdbc.query("SELECT " + COLUMNS + " FROM outage ORDER BY start_at DESC, id DESC", this::map);
    }

    public List<Outage> open() {
        return jdbc.query("SELECT " + COLUMNS + " FROM outage WHERE status <> 'resolved' ORDER BY start_at, id", this::map);
    }

    public void log(long outageId, LocalDateTime at, String entry) {
        jdbc.update("INSERT INTO outage_log (outage_id, at, entry) VALUES (?, ?, ?)", outageId, ts(at),
                entry.length() > 2000 ? entry.substring(0, 2000) : entry);
    }

    public record LogEntry(LocalDateTime at, String entry) {
    }

    public List<LogEntry> log(long outageId) {
        return jdbc.query("SELECT at, entry FROM outage_log WHERE outage_id = ? ORDER BY id",
                (rs, n) -> new LogEntry(rs.getTimestamp(1).toLocalDateTime(), rs.getString(2)), outageId);
    }

    private Outage map(ResultSet rs, int row) throws SQLException {
        return new Outage(rs.getLong("id"), Outage.Kind.valueOf(rs.getString("kind")), rs.getBoolean("detected"),
                rs.getString("cause"), split(rs.getString("affected_partners")), split(rs.getString("affected_types")),
                local(rs.getTimestamp("start_at")), local(rs.getTimestamp("expected_end")),
                new Outage.Contact(rs.getString("contact_name"), rs.getString("contact_phone"), rs.getString("contact_email")),
                Outage.Status.valueOf(rs.getString("status")), rs.getString("status_text"), rs.getBoolean("late_notice"),
                rs.getBoolean("broadcast"), local(rs.getTimestamp("reported_at")), local(rs.getTimestamp("handle_at")),
                local(rs.getTimestamp("next_status_at")), local(rs.getTimestamp("resolved_at")));
    }

    private static List<String> split(String joined) {
        return joined == null || joined.isBlank() ? List.of() : Arrays.asList(joined.split(","));
    }

    private static Timestamp ts(LocalDateTime t) {
        return t == null ? null : Timestamp.valueOf(t);
    }

    private static LocalDateTime local(Timestamp t) {
        return t == null ? null : t.toLocalDateTime();
    }
}
