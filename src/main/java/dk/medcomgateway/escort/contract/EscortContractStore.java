package dk.medcomgateway.escort.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.medcomgateway.escort.SettlementQuote;
import dk.medcomgateway.escort.SettlementRequest;
import dk.medcomgateway.escort.contract.ContractRequest.Course;
import dk.medcomgateway.escort.contract.ContractRequest.Treatment;
import dk.medcomgateway.escort.contract.EscortContract.Status;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Escort contracts, their state changes, settlements and mails to wards (V6__escort_contracts.sql). */
@Repository
public class EscortContractStore {

    private static final String SELECT = "SELECT id, patient_hash, ward_sor, ward_ean, municipality, treatment, course,"
            + " appointments, tasks, other_tasks, status, thread_id, message_header_id, answer_due_at, support_case_id,"
            + " requested_by, created_at, updated_at FROM escort_contract ";

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final ObjectMapper json;

    public EscortContractStore(JdbcTemplate jdbc, Clock clock, ObjectMapper json) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.json = json;
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }

    /** Stores a new contract as requested and returns its id. */
    public long insert(String patientHash, ContractRequest request, String threadId, OffsetDateTime answerDueAt, String requestedBy) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        OffsetDateTime now = now();
        jdbc.update(con -> {
            PreparedStatement insert = con.prepareStatement("INSERT INTO escort_contract (patient_hash, ward_sor, ward_ean,"
                    + " municipality, treatment, course, appointments, tasks, other_tasks, status, thread_id, answer_due_at,"
                    + " requested_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'REQUESTED', ?, ?, ?, ?, ?)",
                    new String[] {"id"});
            insert.setString(1, patientHash);
            insert.setString(2, request.ward().sor());
            insert.setString(3, request.ward().ean());
            insert.setString(4, request.municipality());
            insert.setString(5, request.treatment().name());
            insert.setString(6, request.course().name());
            insert.setString(7, request.appointments().stream().sorted().map(LocalDateTime::toString).collect(Collectors.joining(",")));
            insert.setString(8, request.tasks().stream().map(EscortTask::json).collect(Collectors.joining(",")));
            insert.setString(9, request.otherTasks());
            insert.setString(10, threadId);
            insert.setObject(11, answerDueAt);
            insert.setString(12, requestedBy);
            insert.setObject(13, now);
            insert.setObject(14, now);
            return insert;
        }, key);
        long id = key.getKey().longValue();
        record(id, Status.REQUESTED, requestedBy, null, null);
        return id;
    }

    /** Removes a contract whose message never went out. */
    @Transactional
    public void delete(long id) {
        jdbc.update("DELETE FROM escort_contract_event WHERE contract_id = ?", id);
        jdbc.update("DELETE FROM escort_contract WHERE id = ? AND status = 'REQUESTED'", id);
    }

    public Optional<EscortContract> find(long id) {
        return jdbc.query(SELECT + "WHERE id = ?", this::contract, id).stream().findFirst();
    }

    /** The contract whose message has one of these MessageHeader ids, or whose thread this is. */
    public Optional<EscortContract> answeredBy(List<String> precedingMessageIds, String threadId) {
        for (String headerId : precedingMessageIds) {
            Optional<EscortContract> found = jdbc.query(SELECT + "WHERE message_header_id = ?", this::contract, headerId)
                    .stream().findFirst();
            if (found.isPresent()) {
                return found;
            }
        }
        return threadId == null ? Optional.empty()
                : jdbc.query(SELECT + "WHERE thread_id = ?", this::contract, threadId).stream().findFirst();
    }

    /** Contracts still awaiting their answer past the deadline. */
    public List<EscortContract> unansweredAt(OffsetDateTime now) {
        return jdbc.query(SELECT + "WHERE status = 'SENT' AND answer_due_at <= ? ORDER BY answer_due_at", this::contract, now);
    }

    public void sent(long id, String messageHeaderId, String actor) {
        jdbc.update("UPDATE escort_contract SET message_header_id = ? WHERE id = ?", messageHeaderId, id);
        move(id, Set.of(Status.REQUESTED), Status.SENT, actor, "contract message sent to the municipality", messageHeaderId);
    }

    /**
     * Moves a contract on, only from one of the given states, and records who did it; false when
     * it was in none of them (answered meanwhile, say). Atomic, so two answers cannot both win.
     */
    public boolean move(long id, Set<Status> from, Status to, String actor, String detail, String messageHeaderId) {
        String states = from.stream().map(s -> "'" + s.name() + "'").collect(Collectors.joining(","));
        boolean moved = jdbc.update("UPDATE escort_contract SET status = ?, updated_at = ? WHERE id = ? AND status IN (" + states + ")",
                to.name(), now(), id) > 0;
        if (moved) {
            record(id, to, actor, detail, messageHeaderId);
        }
        return moved;
    }

    public void caseOpened(long id, long caseId) {
        jdbc.update("UPDATE escort_contract SET support_case_id = ? WHERE id = ?", caseId, id);
    }

    /** Records a step in a contract's history without changing its state, e.g. a message sent in its thread. */
    public void record(long id, Status status, String actor, String detail, String messageHeaderId) {
        jdbc.update("INSERT INTO escort_contract_event (contract_id, at, status, actor, detail, message_header_id)"
                + " VALUES (?, ?, ?, ?, ?, ?)", id, now(), status.name(), actor, detail, messageHeaderId);
    }

    /** One step of a contract's history. */
    public record Event(OffsetDateTime at, Status status, String actor, String detail, String messageHeaderId) {
    }

    public List<Event> events(long id) {
        return jdbc.query("SELECT at, status, actor, detail, message_header_id FROM escort_contract_event WHERE contract_id = ?"
                        + " ORDER BY id", (rs, n) -> new Event(rs.getObject(1, OffsetDateTime.class), Status.valueOf(rs.getString(2)),
                        rs.getString(3), rs.getString(4), rs.getString(5)), id);
    }

    /** A settled course: what was reported and what it costs. */
    public record Settlement(long id, SettlementRequest reported, SettlementQuote quote, String messageHeaderId,
                             String reportedBy, OffsetDateTime createdAt) {
    }

    public long insertSettlement(long contractId, SettlementRequest reported, SettlementQuote quote, String reportedBy) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        String lines = write(quote);
        jdbc.update(con -> {
            PreparedStatement insert = con.prepareStatement("INSERT INTO escort_settlement (contract_id, started_at, ended_at,"
                    + " kilometres, parking_dkk, shift_change_dkk, out_of_hours_gp_until, day_hours, other_hours, amount_dkk,"
                    + " lines_json, reported_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", new String[] {"id"});
            insert.setLong(1, contractId);
            insert.setObject(2, reported.start());
            insert.setObject(3, reported.end());
            insert.setBigDecimal(4, reported.kilometres());
            insert.setBigDecimal(5, reported.parkingDkk());
            insert.setBigDecimal(6, reported.shiftChangeTransportDkk());
            insert.setObject(7, reported.outOfHoursGpUntil());
            insert.setBigDecimal(8, quote.dayHours());
            insert.setBigDecimal(9, quote.otherHours());
            insert.setBigDecimal(10, quote.amountDkk());
            insert.setString(11, lines);
            insert.setString(12, reportedBy);
            insert.setObject(13, now());
            return insert;
        }, key);
        return key.getKey().longValue();
    }

    public void deleteSettlement(long settlementId) {
        jdbc.update("DELETE FROM escort_settlement WHERE id = ? AND message_header_id IS NULL", settlementId);
    }

    public void settlementSent(long settlementId, String messageHeaderId) {
        jdbc.update("UPDATE escort_settlement SET message_header_id = ? WHERE id = ?", messageHeaderId, settlementId);
    }

    public List<Settlement> settlements(long contractId) {
        return jdbc.query("SELECT id, started_at, ended_at, kilometres, parking_dkk, shift_change_dkk, out_of_hours_gp_until,"
                + " lines_json, message_header_id, reported_by, created_at FROM escort_settlement WHERE contract_id = ? ORDER BY id",
                (rs, n) -> new Settlement(rs.getLong(1),
                        new SettlementRequest(rs.getObject(2, LocalDateTime.class), rs.getObject(3, LocalDateTime.class),
                                rs.getBigDecimal(4), rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getObject(7, LocalDateTime.class)),
                        read(rs.getString(8)), rs.getString(9), rs.getString(10), rs.getObject(11, OffsetDateTime.class)),
                contractId);
    }

    /** A mail to a ward's functional mailbox, kept until the mail server took it. */
    public record Mail(long id, long contractId, String to, String subject, String body) {
    }

    public void queueMail(long contractId, String to, String subject, String body) {
        jdbc.update("INSERT INTO escort_mail (contract_id, to_address, subject, body, status, created_at) VALUES (?, ?, ?, ?, 'PENDING', ?)",
                contractId, to, subject, body, now());
    }

    public List<Mail> pendingMails() {
        return jdbc.query("SELECT id, contract_id, to_address, subject, body FROM escort_mail WHERE status = 'PENDING' ORDER BY id",
                (rs, n) -> new Mail(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5)));
    }

    public void mailSent(long mailId) {
        jdbc.update("UPDATE escort_mail SET status = 'SENT', sent_at = ? WHERE id = ?", now(), mailId);
    }

    private EscortContract contract(ResultSet rs, int row) throws SQLException {
        return new EscortContract(rs.getLong("id"), rs.getString("patient_hash"), rs.getString("ward_sor"), rs.getString("ward_ean"),
                rs.getString("municipality"), Treatment.valueOf(rs.getString("treatment")), Course.valueOf(rs.getString("course")),
                Arrays.stream(rs.getString("appointments").split(",")).map(LocalDateTime::parse).toList(),
                Arrays.stream(rs.getString("tasks").split(",")).map(EscortTask::of).toList(),
                rs.getString("other_tasks"), Status.valueOf(rs.getString("status")), rs.getString("thread_id"),
                rs.getString("message_header_id"), rs.getObject("answer_due_at", OffsetDateTime.class),
                (Long) rs.getObject("support_case_id"), rs.getString("requested_by"),
                rs.getObject("created_at", OffsetDateTime.class), rs.getObject("updated_at", OffsetDateTime.class));
    }

    private String write(SettlementQuote quote) {
        try {
            return json.writeValueAsString(quote);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private SettlementQuote read(String text) {
        try {
            return json.readValue(text, SettlementQuote.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
