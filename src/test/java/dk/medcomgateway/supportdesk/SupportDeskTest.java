package dk.medcomgateway.supportdesk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.medcomgateway.delivery.Dispatcher;
import dk.medcomgateway.support.Examples;
import dk.medcomgateway.support.GatewayTestBase;
import jakarta.jms.ConnectionFactory;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jms.core.JmsTemplate;

/** The support desk finds a failed message, resends or discards it, closes its case, and every action is audited. */
class SupportDeskTest extends GatewayTestBase {

    private static final String CPR = "2509479989";
    private static final String HERLEV_SOR = "953741000016009";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    ConnectionFactory connectionFactory;

    @Test
    void a_dead_lettered_message_is_found_by_id_receiver_patient_and_time_and_the_cpr_is_never_shown() {
        String headerId = deadLettered();
        String dayAgo = LocalDateTime.now(ZoneId.of("Europe/Copenhagen")).minusDays(1).withNano(0).toString();

        assertThat(search("messageHeaderId=" + headerId)).singleElement()
                .satisfies(m -> assertThat(m.get("status").asText()).isEqualTo("DEAD_LETTERED"));
        assertThat(headerIds(search("receiver=" + BROKEN_SOR + "&status=dead_lettered&limit=1000"))).contains(headerId);
        assertThat(headerIds(search("receiver=" + BROKEN_SOR + "&from=" + dayAgo))).contains(headerId);
        assertThat(headerIds(search("receiver=" + BROKEN_SOR + "&to=2000-01-01T00:00:00Z"))).isEmpty();
        assertThat(headerIds(search("patient=0101010101"))).doesNotContain(headerId);

        String byPatient = get("/api/messages?patient=" + CPR + "&limit=1000");
        assertThat(byPatient).startsWith("200").contains(headerId).doesNotContain(CPR).doesNotContain("250947")
                .doesNotContain("payload");
        assertThat(get("/api/messages/" + headerId)).startsWith("200").contains("dead-lettered");
        assertThat(get("/api/messages?from=yesterday")).startsWith("400").contains("from");
    }

    @Test
    void a_dead_lettered_message_resent_after_its_receiver_is_back_is_delivered_once_more_with_a_new_bundle_id_and_audited() {
        String json = Examples.addressedTo(Examples.freshStin(), BROKEN_SOR);
        String headerId = deadLettered(json);
        String deadDispatch = dispatchIds(headerId, "DEAD_LETTERED").get(0);

        JsonNode resent;
        RECEIVER.defaultStatus("/broken", 200);
        try {
            resent = body(api("POST", "/api/messages/" + headerId + "/resend", "{\"reason\": \"receiver fixed their certificate\"}", SUPPORT), 200);
            awaitFinalised(headerId);
        } finally {
            RECEIVER.defaultStatus("/broken", 500);
        }

        assertThat(deliveredCount(headerId)).isEqualTo(1);
        String delivered = RECEIVER.containing("\"" + headerId + "\"").get(0).body();
        assertThat(Examples.headerId(delivered)).isEqualTo(headerId);
        assertThat(Examples.bundleId(delivered)).isNotEqualTo(Examples.bundleId(json))
                .isEqualTo(resent.get("copies").get(0).get("bundleId").asText());
        assertThat(resent.get("actor").asText()).isEqualTo(SUPPORT);
        assertThat(resent.get("casesClosed").asInt()).isEqualTo(1);
        assertThat(resent.get("removedFromDeadLetterQueue").asInt()).isEqualTo(1);
        assertThat(onDeadLetterQueue(BROKEN_SOR, deadDispatch)).isFalse();
        assertThat(dispatchIds(headerId, "SUPERSEDED")).containsExactly(deadDispatch);

        assertThat(trailSteps(headerId)).containsSubsequence("dead-lettered", "case-opened", "resent", "case-closed", "delivered",
                "receiver-ack");
        assertThat(get("/api/messages/" + headerId)).contains("by support (support): receiver fixed their certificate");
        assertThat(auditOf("message " + headerId)).singleElement().satisfies(entry -> {
            assertThat(entry.get("actor").asText()).isEqualTo(SUPPORT);
            assertThat(entry.get("action").asText()).isEqualTo("resend");
            assertThat(entry.get("reason").asText()).isEqualTo("receiver fixed their certificate");
            assertThat(entry.get("at").asText()).isNotBlank();
        });
    }

    @Test
    void a_misaddressed_message_is_resent_to_the_corrected_receiver_and_the_failed_delivery_is_redirected() {
        String headerId = deadLettered();

        JsonNode resent = body(api("POST", "/api/messages/" + headerId + "/resend",
                "{\"receiver\": \"" + HERLEV_SOR + "\", \"reason\": \"wrong municipality\"}", SUPPORT), 200);

        await().atMost(Duration.ofSeconds(30)).until(() -> deliveredCount(headerId) == 1);
        sleep(300);
        assertThat(deliveredCount(headerId)).isEqualTo(1);
        assertThat(RECEIVER.received("/herlev")).anyMatch(r -> r.body().contains("\"" + headerId + "\""));
        assertThat(resent.get("copies").get(0).get("receiver").asText()).isEqualTo(HERLEV_SOR);
        assertThat(deliveryStatuses(headerId)).containsEntry(BROKEN_SOR, "REDIRECTED");
        assertThat(trailSteps(headerId)).contains("redirected", "resent");
        assertThat(headerIds(search("receiver=" + HERLEV_SOR + "&limit=1000"))).contains(headerId);
        assertThat(auditOf("message " + headerId + " to " + HERLEV_SOR)).singleElement()
                .satisfies(entry -> assertThat(entry.get("reason").asText()).isEqualTo("wrong municipality"));
    }

    @Test
    void a_discarded_message_has_its_case_closed_with_the_reason_and_leaves_its_dead_letter_queue() {
        String headerId = deadLettered();
        String deadDispatch = dispatchIds(headerId, "DEAD_LETTERED").get(0);

        JsonNode discarded = body(api("POST", "/api/messages/" + headerId + "/discard", "{\"reason\": \"sent again by phone for 250947-9989\"}", SUPPORT), 200);

        assertThat(discarded.get("receivers")).hasSize(1);
        assertThat(discarded.get("casesClosed").asInt()).isEqualTo(1);
        assertThat(messageStatus(headerId)).isEqualTo("DISCARDED");
        assertThat(deliveryStatuses(headerId)).containsEntry(BROKEN_SOR, "DISCARDED");
        assertThat(onDeadLetterQueue(BROKEN_SOR, deadDispatch)).isFalse();
        assertThat(trailSteps(headerId)).endsWith("discarded", "case-closed");
        JsonNode closed = casesOf(headerId, "closed");
        assertThat(closed).singleElement().satisfies(c -> {
            assertThat(c.get("closeNote").asText()).isEqualTo("discarded: sent again by phone for **********");
            assertThat(c.get("closedBy").asText()).isEqualTo(SUPPORT);
        });
        assertThat(casesOf(headerId, "open")).isEmpty();
        assertThat(auditOf("message " + headerId)).singleElement().satisfies(entry -> {
            assertThat(entry.get("action").asText()).isEqualTo("discard");
            assertThat(entry.get("reason").asText()).isEqualTo("sent again by phone for **********");
        });
    }

    @Test
    void a_case_is_closed_with_a_note_once_and_the_closing_is_audited() {
        String headerId = deadLettered();
        long caseId = casesOf(headerId, "open").get(0).get("id").asLong();

        JsonNode closed = body(api("POST", "/api/cases/" + caseId + "/close", "{\"note\": \"Herlev phoned; they have it on paper\"}", SUPPORT), 200);

        assertThat(closed.get("status").asText()).isEqualTo("CLOSED");
        assertThat(closed.get("closeNote").asText()).isEqualTo("Herlev phoned; they have it on paper");
        assertThat(casesOf(headerId, "all")).hasSize(1);
        assertThat(casesOf(headerId, "open")).isEmpty();
        assertThat(auditOf("case " + caseId + " of message " + headerId)).singleElement()
                .satisfies(entry -> assertThat(entry.get("action").asText()).isEqualTo("close-case"));
        assertThat(api("POST", "/api/cases/" + caseId + "/close", "{\"note\": \"again\"}", SUPPORT)).startsWith("409");
        assertThat(get("/api/cases?status=sometimes")).startsWith("400");
    }

    @Test
    void refused_actions_change_nothing_and_leave_no_audit_entry() {
        String failed = deadLettered();
        String delivered = Examples.addressedTo(Examples.freshStin(), HERLEV_SOR);
        assertThat(postJson(delivered).ackCode()).isEqualTo("ok");
        awaitFinalised(Examples.headerId(delivered));
        long caseId = casesOf(failed, "open").get(0).get("id").asLong();
        int auditEntries = audit("").size();

        assertThat(api("POST", "/api/messages/" + failed + "/discard", "{}", SUPPORT)).startsWith("400").contains("reason");
        assertThat(api("POST", "/api/messages/" + failed + "/discard", "{\"reason\": \"  \"}", SUPPORT)).startsWith("400");
        assertThat(api("POST", "/api/cases/" + caseId + "/close", null, SUPPORT)).startsWith("400").contains("note");
        assertThat(api("POST", "/api/messages/" + failed + "/resend", "{\"receiver\": \"999999999999999\"}", SUPPORT)).startsWith("400");
        String finalised = api("POST", "/api/messages/" + Examples.headerId(delivered) + "/resend", "{\"reason\": \"try again\"}", SUPPORT);
        assertThat(finalised).startsWith("409").contains("FINALISED").contains("\"title\"");
        assertThat(api("POST", "/api/messages/" + Examples.headerId(delivered) + "/discard", "{\"reason\": \"x\"}", SUPPORT)).startsWith("409");
        assertThat(api("POST", "/api/messages/no-such-message/resend", null, SUPPORT)).startsWith("404");

        assertThat(audit("")).hasSize(auditEntries);
        assertThat(messageStatus(failed)).isEqualTo("DEAD_LETTERED");
        assertThat(casesOf(failed, "open")).hasSize(1);
        assertThat(deliveredCount(Examples.headerId(delivered))).isEqualTo(1);
    }

    /** A fresh message to the receiver that answers HTTP 500 to everything, once it is dead-lettered with its case open. */
    private String deadLettered() {
        return deadLettered(Examples.addressedTo(Examples.freshStin(), BROKEN_SOR));
    }

    private String deadLettered(String json) {
        String headerId = Examples.headerId(json);
        assertThat(postJson(json).ackCode()).isEqualTo("ok");
        await().atMost(Duration.ofSeconds(30)).until(() -> "DEAD_LETTERED".equals(messageStatus(headerId))
                && trailSteps(headerId).contains("case-opened"));
        return headerId;
    }

    private JsonNode search(String query) {
        return body(get("/api/messages?" + query), 200);
    }

    private static List<String> headerIds(JsonNode messages) {
        return messages.findValuesAsText("messageHeaderId");
    }

    private JsonNode audit(String query) {
        return body(get("/api/audit?limit=1000" + query), 200);
    }

    private List<JsonNode> auditOf(String target) {
        List<JsonNode> entries = new java.util.ArrayList<>();
        audit("").forEach(entry -> {
            if (entry.get("target").asText().equals(target)) {
                entries.add(entry);
            }
        });
        return entries;
    }

    private JsonNode casesOf(String headerId, String status) {
        long messageId = jdbc.queryForObject("SELECT id FROM message WHERE message_header_id = ?", Long.class, headerId);
        var matching = JSON.createArrayNode();
        body(get("/api/cases?status=" + status), 200).forEach(c -> {
            if (c.get("messageId").asLong() == messageId) {
                matching.add(c);
            }
        });
        return matching;
    }

    private java.util.Map<String, String> deliveryStatuses(String headerId) {
        java.util.Map<String, String> statuses = new java.util.HashMap<>();
        jdbc.query("SELECT dl.partner_id, dl.status FROM delivery dl JOIN message m ON m.id = dl.message_id WHERE m.message_header_id = ?",
                rs -> {
                    statuses.put(rs.getString(1), rs.getString(2));
                }, headerId);
        return statuses;
    }

    private List<String> dispatchIds(String headerId, String status) {
        return jdbc.queryForList("SELECT d.id FROM dispatch d JOIN delivery dl ON dl.id = d.delivery_id JOIN message m ON m.id = dl.message_id"
                + " WHERE m.message_header_id = ? AND d.status = ?", String.class, headerId, status);
    }

    private boolean onDeadLetterQueue(String partnerId, String dispatchId) {
        JmsTemplate jms = new JmsTemplate(connectionFactory);
        jms.setReceiveTimeout(1000);
        // A browse, so the check itself takes nothing off the queue.
        return Boolean.TRUE.equals(jms.browseSelected("delivery." + partnerId + ".DLQ",
                Dispatcher.DISPATCH_ID + " = '" + dispatchId + "'", (session, browser) -> browser.getEnumeration().hasMoreElements()));
    }

    private static JsonNode body(String response, int expectedStatus) {
        assertThat(response).startsWith(expectedStatus + " ");
        try {
            return JSON.readTree(response.substring(response.indexOf(' ') + 1));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
