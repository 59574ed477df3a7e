package dk.medcomgateway.discharge;

import dk.medcomgateway.discharge.DischargeMessages.Document;
import dk.medcomgateway.discharge.DischargeMessages.Notification;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Bundle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * What discharge tracking needs of a FHIR message, read once when the intake accepts it (in the acceptance's
 * transaction) and kept in {@code discharge_fact}, so that each delivery of the message looks it up instead of
 * parsing the message again.
 */
@Repository
public class DischargeFacts {

    /** A message as discharge tracking sees it: a notification, a document a discharge waits for, or neither. */
    public record Fact(Optional<Notification> notification, Optional<Document> document) {

        static final Fact NEITHER = new Fact(Optional.empty(), Optional.empty());
    }

    private static final Logger log = LoggerFactory.getLogger(DischargeFacts.class);

    private final DischargeMessages messages;
    private final JdbcTemplate jdbc;

    public DischargeFacts(DischargeMessages messages, JdbcTemplate jdbc) {
        this.messages = messages;
        this.jdbc = jdbc;
    }

    /** Reads the message's facts (no database access). */
    public Fact read(Bundle message) {
        Optional<Notification> notification = messages.notification(message);
        return notification.isPresent() ? new Fact(notification, Optional.empty()) : new Fact(Optional.empty(), messages.document(message));
    }

    /**
     * Keeps an accepted message's facts. A message that cannot be read for them keeps none, and its delivery reads it
     * again (and logs why it could not): the message itself is accepted either way.
     */
    public void keep(long messageId, Bundle message) {
        Fact fact;
        try {
            fact = read(message);
        } catch (RuntimeException unreadable) {
            log.debug("No discharge facts kept for message {}: {}", messageId, unreadable.getClass().getName());
            return;
        }
        if (fact.notification().isPresent()) {
            Notification n = fact.notification().get();
            jdbc.update("INSERT INTO discharge_fact (message_id, role, patient_hash, episode_key, encounter_class, ward, activity,"
                    + " activity_event, activity_change) VALUES (?, 'NOTIFICATION', ?, ?, ?, ?, ?, ?, ?)", messageId, n.patientHash(),
                    n.episodeKey(), n.encounterClass(), n.ward(), n.activity().code(), n.activity().event().name(),
                    n.activity().modifier().name());
        } else if (fact.document().isPresent()) {
            Document d = fact.document().get();
            jdbc.update("INSERT INTO discharge_fact (message_id, role, patient_hash, episode_key, document_kinds)"
                    + " VALUES (?, 'DOCUMENT', ?, ?, ?)", messageId, d.patientHash(), d.episodeKey().orElse(null),
                    d.kinds().stream().map(DocumentKind::code).collect(Collectors.joining(",")));
        } else {
            jdbc.update("INSERT INTO discharge_fact (message_id, role) VALUES (?, 'NONE')", messageId);
        }
    }

    /** The facts kept for a message; empty when none were (a message accepted before they were kept). */
    public Optional<Fact> kept(long messageId) {
        return jdbc.query("SELECT role, patient_hash, episode_key, encounter_class, ward, activity, activity_event, activity_change,"
                + " document_kinds FROM discharge_fact WHERE message_id = ?", DischargeFacts::fact, messageId).stream().findFirst();
    }

    private static Fact fact(ResultSet rs, int row) throws SQLException {
        return switch (rs.getString(1)) {
            case "NOTIFICATION" -> new Fact(Optional.of(new Notification(rs.getString(2), rs.getString(3), rs.getString(4),
                    rs.getString(5), new Activity(Activity.Event.valueOf(rs.getString(7)), Activity.Modifier.valueOf(rs.getString(8)),
                    rs.getString(6)))), Optional.empty());
            case "DOCUMENT" -> new Fact(Optional.empty(), Optional.of(new Document(rs.getString(2), Optional.ofNullable(rs.getString(3)),
                    kinds(rs.getString(9)))));
            default -> Fact.NEITHER;
        };
    }

    private static Set<DocumentKind> kinds(String codes) {
        Set<DocumentKind> kinds = EnumSet.noneOf(DocumentKind.class);
        Arrays.stream(codes.split(",")).map(DocumentKind::of).forEach(kinds::add);
        return kinds;
    }
}
