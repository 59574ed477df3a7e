package dk.medcomgateway.discharge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.medcomgateway.support.Examples;
import dk.medcomgateway.support.GatewayTestBase;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Whole-gateway discharge tracking: episodes follow delivered HospitalNotifications, a discharge
 * with no discharge report by the deadline raises a case and mails the ward, and a late report
 * or a cancelled discharge closes it. Each test has its own patient (CPR) so tests do not meet.
 */
@ExtendWith(OutputCaptureExtension.class)
class DischargeTrackingTest extends GatewayTestBase {

    private static final String EXAMPLE_CPR = "2509479989";
    private static final String STIN = "Bundle-a5e5b880-c087-4055-b9ec-99108695f81d.json";
    private static final String SLHJ = "Bundle-f4aa42a4-86db-4e68-9b38-9dda0dfd5774.json";
    private static final String CARE_COMMUNICATION = "Bundle-add5e7e2-0c0f-4a4a-bfff-f6f984fa7e3c.json";
    /** The discharging ward of the examples (SOR 265161000016000) is partner /hospital in the test directory. */
    private static final String WARD_MAILBOX = "edi-hospital@kommune.example";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final FhirContext FHIR = FhirContext.forR4();

    @Autowired
    DischargeWatchdog watchdog;

    @Test
    void stin_then_slhj_delivered_show_as_a_discharged_episode_with_its_timeline(CapturedOutput output) {
        String cpr = "0101701111";
        send(forPatient(STIN, cpr));
        String discharge = send(forPatient(SLHJ, cpr));

        String answer = get("/api/episodes?patient=" + cpr);
        assertThat(answer).startsWith("200 ").doesNotContain(cpr);
        JsonNode episode = single(episodes(cpr));
        assertThat(episode.get("state").asText()).isEqualTo("DISCHARGED");
        assertThat(episode.get("flagged").asBoolean()).isFalse();
        assertThat(episode.get("episodeOfCare").asText()).endsWith("|bd481c38-a921-11ed-afa1-0242ac120002");
        assertThat(episode.get("ward").asText()).isEqualTo("265161000016000");
        assertThat(texts(episode.get("timeline"), "activity")).containsExactly("admit-inpatient", "discharge-inpatient-home");
        assertThat(texts(episode.get("timeline"), "after")).containsExactly("ADMITTED", "DISCHARGED");
        assertThat(episode.get("timeline").get(1).get("messageHeaderId").asText()).isEqualTo(discharge);
        JsonNode expected = single(episode.get("expected"));
        assertThat(expected.get("document").asText()).isEqualTo("discharge-report");
        assertThat(expected.get("status").asText()).isEqualTo("WAITING");

        // a report in time ends the wait without a case
        send(dischargeReport(cpr));
        JsonNode received = single(single(episodes(cpr)).get("expected"));
        assertThat(received.get("status").asText()).isEqualTo("RECEIVED");
        assertThat(received.get("lateBySeconds").isNull()).isTrue();
        assertThat(get("/api/cases")).doesNotContain(discharge);

        assertThat(output.getAll()).doesNotContain(cpr);
        assertThat(episodes("0101709999").size()).as("a patient with no episodes").isZero();
        assertThat(get("/api/episodes")).startsWith("400 ");
    }

    @Test
    void no_discharge_report_by_the_deadline_raises_a_case_and_mails_the_ward_and_a_late_report_closes_it(CapturedOutput output)
            throws Exception {
        String cpr = "0202702222";
        send(forPatient(STIN, cpr));
        String discharge = send(forPatient(SLHJ, cpr));

        watchdog.check();
        assertThat(get("/api/cases")).doesNotContain(discharge);

        CLOCK.advance(Duration.ofHours(25));
        watchdog.check();
        JsonNode openCase = caseAbout(discharge);
        assertThat(openCase.get("kind").asText()).isEqualTo("missing-discharge-report");
        assertThat(openCase.get("detail").asText()).contains(WARD_MAILBOX).doesNotContain(cpr);
        long caseId = openCase.get("id").asLong();
        await().atMost(Duration.ofSeconds(10)).until(() -> !mailsTo(WARD_MAILBOX, discharge).isEmpty());
        MimeMessage mail = mailsTo(WARD_MAILBOX, discharge).get(0);
        assertThat(mail.getSubject()).contains("udskrivningsrapport", "sag " + caseId);
        assertThat(mail.getContent().toString()).contains(discharge).doesNotContain(cpr).doesNotContain(EXAMPLE_CPR);
        // a second run neither opens a second case nor mails again
        watchdog.check();
        assertThat(casesAbout(discharge)).hasSize(1);
        assertThat(mailsTo(WARD_MAILBOX, discharge)).hasSize(1);

        send(dischargeReport(cpr));
        assertThat(casesAbout(discharge)).isEmpty();
        JsonNode received = single(single(episodes(cpr)).get("expected"));
        assertThat(received.get("status").asText()).isEqualTo("RECEIVED");
        assertThat(received.get("lateBySeconds").asLong()).isBetween(3600L, 3600L + 120);
        assertThat(jdbc.queryForObject("SELECT close_note FROM support_case WHERE id = ?", String.class, caseId))
                .contains("Discharge report arrived 1 h");
        assertThat(texts(single(episodes(cpr)).get("timeline"), "activity"))
                .containsExactly("admit-inpatient", "discharge-inpatient-home", "discharge-report");
        assertThat(output.getAll()).doesNotContain(cpr);
    }

    @Test
    void a_cancelled_discharge_AN_SLHJ_closes_the_missing_report_case() {
        String cpr = "0303703333";
        send(forPatient(STIN, cpr));
        String slhj = forPatient(SLHJ, cpr);
        String discharge = send(slhj);
        CLOCK.advance(Duration.ofHours(25));
        watchdog.check();
        assertThat(casesAbout(discharge)).hasSize(1);

        send(cancellationOf(slhj));
        assertThat(casesAbout(discharge)).isEmpty();
        JsonNode episode = single(episodes(cpr));
        assertThat(episode.get("state").asText()).isEqualTo("ADMITTED");
        assertThat(episode.get("flagged").asBoolean()).isFalse();
        assertThat(single(episode.get("expected")).get("status").asText()).isEqualTo("CANCELLED");
        assertThat(jdbc.queryForObject("SELECT close_note FROM support_case WHERE message_id ="
                + " (SELECT id FROM message WHERE message_header_id = ?)", String.class, discharge))
                .contains("cancel-discharge-inpatient-home");
    }

    @Test
    void a_stin_arriving_after_its_slhj_is_delivered_and_flags_the_episode_instead_of_readmitting() {
        String cpr = "0404704444";
        send(forPatient(STIN, cpr));
        send(forPatient(SLHJ, cpr));
        String late = send(forPatient(STIN, cpr));

        assertThat(messageStatus(late)).isEqualTo("FINALISED");
        JsonNode episode = single(episodes(cpr));
        assertThat(episode.get("state").asText()).isEqualTo("DISCHARGED");
        assertThat(episode.get("flagged").asBoolean()).isTrue();
        JsonNode flagged = episode.get("timeline").get(2);
        assertThat(flagged.get("messageHeaderId").asText()).isEqualTo(late);
        assertThat(flagged.get("flag").asText()).contains("out of order");
        JsonNode openCase = caseAbout(late);
        assertThat(openCase.get("kind").asText()).isEqualTo("episode-out-of-order");
        // the report rule is unaffected: the discharge still waits for its report
        assertThat(single(episode.get("expected")).get("status").asText()).isEqualTo("WAITING");
    }

    // --- messages

    /** A fresh copy of an example for another patient. */
    private static String forPatient(String example, String cpr) {
        return Examples.fresh(Examples.read(example)).replace(EXAMPLE_CPR, cpr);
    }

    /** MedCom's CareCommunication example made a discharge report as config/discharge.yaml classifies one. */
    private static String dischargeReport(String cpr) {
        return forPatient(CARE_COMMUNICATION, cpr).replace("\"examination-results\"", "\"discharge\"")
                .replace("Forspørgsel på seneste resultater", "Udskrivningsrapport");
    }

    /** AN_SLHJ: a new message whose own Provenance cancels the discharge message it names. */
    private static String cancellationOf(String slhj) {
        String cancelled = Examples.headerId(slhj);
        Bundle bundle = Examples.parse(Examples.fresh(slhj));
        String own = Examples.headerId(FHIR.newJsonParser().encodeResourceToString(bundle));
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            if (entry.getResource() instanceof Provenance p && p.getTargetFirstRep().getReference().endsWith(own)) {
                p.getActivity().getCodingFirstRep().setCode("cancel-discharge-inpatient-home");
                p.getEntity().clear();
                p.addEntity().setRole(Provenance.ProvenanceEntityRole.REMOVAL).setWhat(new Reference("MessageHeader/" + cancelled));
            }
            if (entry.getResource() instanceof Encounter e) {
                e.setStatus(Encounter.EncounterStatus.INPROGRESS);
                e.getPeriod().setEndElement(null);
            }
        }
        return FHIR.newJsonParser().encodeResourceToString(bundle);
    }

    private String send(String json) {
        Reply reply = postJson(json);
        assertThat(reply.ackCode()).as(reply.body()).isEqualTo("ok");
        String headerId = Examples.headerId(json);
        awaitFinalised(headerId);
        return headerId;
    }

    // --- API answers

    private JsonNode episodes(String cpr) {
        return json(get("/api/episodes?patient=" + cpr));
    }

    private List<JsonNode> casesAbout(String messageHeaderId) {
        Long messageId = jdbc.queryForObject("SELECT id FROM message WHERE message_header_id = ?", Long.class, messageHeaderId);
        List<JsonNode> found = new ArrayList<>();
        json(get("/api/cases")).forEach(c -> {
            if (c.get("messageId").asLong() == messageId) {
                found.add(c);
            }
        });
        return found;
    }

    private JsonNode caseAbout(String messageHeaderId) {
        List<JsonNode> found = casesAbout(messageHeaderId);
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    private static JsonNode json(String answer) {
        assertThat(answer).startsWith("200 ");
        try {
            return JSON.readTree(answer.substring(4));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode single(JsonNode array) {
        assertThat(array.size()).as(array.toString()).isEqualTo(1);
        return array.get(0);
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(n -> values.add(n.get(field).asText()));
        return values;
    }

}
