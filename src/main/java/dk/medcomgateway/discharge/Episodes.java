package dk.medcomgateway.discharge;

import dk.medcomgateway.discharge.Activity.Event;
import dk.medcomgateway.ledger.Savepoints;
import io.swagger.v3.oas.annotations.media.Schema;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Episodes, their timelines and the documents they wait for (tables of V3__episodes.sql). */
@Repository
public class Episodes {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate savepoint;

    public Episodes(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.savepoint = Savepoints.savepoint(transactions);
    }

    public record Episode(long id, String episodeKey, EpisodeState state, String encounterClass, String ward,
                          boolean flagged, OffsetDateTime updatedAt) {
    }

    /** One entry of an episode's timeline. {@code event} is null for entries that are not notifications. */
    @Schema(name = "EpisodeEntry")
    public record Entry(long id, long messageId, String messageHeaderId, OffsetDateTime at, String activity, Event event,
                        EpisodeState before, EpisodeState after, boolean effective, String flag) {
    }

    public record Expected(long id, long episodeId, DocumentKind kind, long dischargeMessage, OffsetDateTime dueAt, String status,
                           Long caseId, String mailStatus, Long receivedMessage, OffsetDateTime receivedAt, Long lateBySeconds) {
    }

    private static final String EPISODE = "SELECT id, episode_key, state, encounter_class, ward, flagged, updated_at FROM episode";
    private static final String EXPECTED = "SELECT id, episode_id, kind, discharge_message, due_at, status, case_id, mail_status,"
            + " received_message, received_at, late_by_seconds FROM expected_document";

    /**
     * The patient's episode, created if it is new, and locked until the transaction ends: one episode's notifications
     * apply one at a time, whichever thread or gateway instance delivers them, and each sees the state the one before
     * it committed.
     */
    public Episode findOrCreateLocked(String patientHash, String episodeKey, OffsetDateTime now) {
        Optional<Episode> known = locked(patientHash, episodeKey);
        if (known.isPresent()) {
            return known.get();
        }
        try {
            savepoint.executeWithoutResult(s -> jdbc.update("INSERT INTO episode (patient_hash, episode_key, state, flagged,"
                    + " created_at, updated_at) VALUES (?, ?, ?, FALSE, ?, ?)", patientHash, episodeKey, EpisodeState.UNKNOWN.name(), now, now));
        } catch (DuplicateKeyException createdMeanwhile) {
            // another delivery of the same notification (another receiver's copy) got there first
        }
        return locked(patientHash, episodeKey).orElseThrow();
    }

    /** Locks the patient's episodes until the transaction ends: a document's arrival is applied to them one at a time. */
    public void lockPatient(String patientHash) {
        jdbc.queryForList("SELECT id FROM episode WHERE patient_hash = ? FOR UPDATE", Long.class, patientHash);
    }

    private Optional<Episode> locked(String patientHash, String episodeKey) {
        return jdbc.query(EPISODE + " WHERE patient_hash = ? AND episode_key = ? FOR UPDATE", Episodes::episode, patientHash, episodeKey)
                .stream().findFirst();
    }

    public Optional<Episode> byId(long id) {
        return jdbc.query(EPISODE + " WHERE id = ?", Episodes::episode, id).stream().findFirst();
    }

    public List<Episode> forPatient(String patientHash) {
        return jdbc.query(EPISODE + " WHERE patient_hash = ? ORDER BY id", Episodes::episode, patientHash);
    }

    public void update(long id, EpisodeState state, String encounterClass, String ward, boolean flagged, OffsetDateTime now) {
        jdbc.update("UPDATE episode SET state = ?, encounter_class = COALESCE(?, encounter_class), ward = COALESCE(?, ward),"
                + " flagged = ?, updated_at = ? WHERE id = ?", state.name(), encounterClass, ward, flagged, now, id);
    }

    public boolean hasEntry(long episodeId, long messageId) {
        return !jdbc.queryForList("SELECT id FROM episode_event WHERE episode_id = ? AND message_id = ?", Long.class,
                episodeId, messageId).isEmpty();
    }

    public void addEntry(long episodeId, long messageId, OffsetDateTime at, String activity, Activity.Event event,
                         Activity.Modifier modifier, EpisodeState before, EpisodeState after, boolean effective, String flag) {
        jdbc.update("INSERT INTO episode_event (episode_id, message_id, at, activity, kind, modifier, state_before, state_after,"
                        + " effective, flag) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                episodeId, messageId, at, activity, event == null ? null : event.name(), modifier == null ? null : modifier.name(),
                before.name(), after.name(), effective, flag);
    }

    public List<Entry> timeline(long episodeId) {
        return jdbc.query("SELECT e.id, e.message_id, m.message_header_id, e.at, e.activity, e.kind, e.state_before, e.state_after,"
                        + " e.effective, e.flag FROM episode_event e JOIN message m ON m.id = e.message_id"
                        + " WHERE e.episode_id = ? ORDER BY e.id",
                (rs, n) -> new Entry(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getObject(4, OffsetDateTime.class),
                        rs.getString(5), rs.getString(6) == null ? null : Event.valueOf(rs.getString(6)),
                        EpisodeState.valueOf(rs.getString(7)), EpisodeState.valueOf(rs.getString(8)), rs.getBoolean(9),
                        rs.getString(10)), episodeId);
    }

    /** The effective notifications, oldest first: the history the state machine works from. */
    public List<Entry> history(long episodeId) {
        return timeline(episodeId).stream().filter(Entry::effective).toList();
    }

    public void withdraw(long entryId) {
        jdbc.update("UPDATE episode_event SET effective = FALSE WHERE id = ?", entryId);
    }

    public void expect(long episodeId, DocumentKind kind, long dischargeMessage, OffsetDateTime dueAt) {
        try {
            savepoint.executeWithoutResult(s -> jdbc.update("INSERT INTO expected_document (episode_id, kind, discharge_message,"
                    + " due_at, status) VALUES (?, ?, ?, ?, 'WAITING')", episodeId, kind.code(), dischargeMessage, dueAt));
        } catch (DuplicateKeyException alreadyExpected) {
            // the same discharge delivered again (another receiver, a resend)
        }
    }

    public List<Expected> expected(long episodeId) {
        return jdbc.query(EXPECTED + " WHERE episode_id = ? ORDER BY id", Episodes::expected, episodeId);
    }

    /** Documents of a kind still awaited (on time or overdue) for a patient, optionally in one episode; earliest due first. */
    public List<Expected> awaited(String patientHash, Optional<String> episodeKey, DocumentKind kind) {
        String sql = EXPECTED + " WHERE kind = ? AND status IN ('WAITING', 'OVERDUE') AND episode_id IN"
                + " (SELECT id FROM episode WHERE patient_hash = ?" + (episodeKey.isPresent() ? " AND episode_key = ?" : "") + ")"
                + " ORDER BY due_at";
        return episodeKey.isPresent()
                ? jdbc.query(sql, Episodes::expected, kind.code(), patientHash, episodeKey.get())
                : jdbc.query(sql, Episodes::expected, kind.code(), patientHash);
    }

    public List<Expected> waitingDue(OffsetDateTime now) {
        return jdbc.query(EXPECTED + " WHERE status = 'WAITING' AND due_at <= ? ORDER BY due_at", Episodes::expected, now);
    }

    public List<Expected> mailPending() {
        return jdbc.query(EXPECTED + " WHERE status = 'OVERDUE' AND mail_status = 'PENDING' ORDER BY due_at", Episodes::expected);
    }

    public void markOverdue(long id, long caseId) {
        jdbc.update("UPDATE expected_document SET status = 'OVERDUE', case_id = ?, mail_status = 'PENDING' WHERE id = ?", caseId, id);
    }

    public void mailStatus(long id, String status) {
        jdbc.update("UPDATE expected_document SET mail_status = ? WHERE id = ?", status, id);
    }

    public void markReceived(long id, long messageId, OffsetDateTime at, Long lateBySeconds) {
        jdbc.update("UPDATE expected_document SET status = 'RECEIVED', received_message = ?, received_at = ?, late_by_seconds = ?"
                + " WHERE id = ?", messageId, at, lateBySeconds, id);
    }

    public void cancel(long id) {
        jdbc.update("UPDATE expected_document SET status = 'CANCELLED' WHERE id = ?", id);
    }

    private static Episode episode(ResultSet rs, int n) throws SQLException {
        return new Episode(rs.getLong(1), rs.getString(2), EpisodeState.valueOf(rs.getString(3)), rs.getString(4),
                rs.getString(5), rs.getBoolean(6), rs.getObject(7, OffsetDateTime.class));
    }

    private static Expected expected(ResultSet rs, int n) throws SQLException {
        return new Expected(rs.getLong(1), rs.getLong(2), DocumentKind.of(rs.getString(3)), rs.getLong(4),
                rs.getObject(5, OffsetDateTime.class), rs.getString(6), (Long) rs.getObject(7), rs.getString(8),
                (Long) rs.getObject(9), rs.getObject(10, OffsetDateTime.class), (Long) rs.getObject(11));
    }
}
