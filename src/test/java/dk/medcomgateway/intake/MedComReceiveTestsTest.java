package dk.medcomgateway.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.medcomgateway.support.BrokenMessages;
import dk.medcomgateway.support.BrokenMessages.Broken;
import dk.medcomgateway.support.GatewayTestBase;
import dk.medcomgateway.support.ReceiveTests;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * MedCom's own receive-test messages, as a hospital's integration engine sends them, under the gateway's
 * validation policy (config/validation.yaml): every one is acknowledged ok and delivered once, what breaks a
 * mandatory rule is answered fatal-error naming the rule, and MedCom's scenarios move their episodes as
 * the receive-test README says.
 */
class MedComReceiveTestsTest extends GatewayTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<String> receiveTests() {
        return ReceiveTests.files().stream();
    }

    static Stream<Broken> broken() {
        return BrokenMessages.all().stream();
    }

    // Each with ids of its own, so four at a time: one alone mostly waits for its delivery.
    @Execution(ExecutionMode.CONCURRENT)
    @ParameterizedTest(name = "{0}")
    @MethodSource("receiveTests")
    void every_receive_test_message_is_acknowledged_ok_and_delivered_once(String file) {
        String message = ReceiveTests.fresh(file);
        String headerId = ReceiveTests.headerId(message);

        Reply reply = post(message, ReceiveTests.contentType(file), ADMIN);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.ackCode()).as(reply.body()).isEqualTo("ok");
        assertThat(reply.respondsTo()).isEqualTo(headerId);
        awaitFinalised(headerId);
        assertThat(deliveredCount(headerId)).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("broken")
    void a_message_breaking_a_mandatory_rule_and_its_duplicate_are_answered_fatal_error_naming_the_rule(Broken broken) {
        String headerId = ReceiveTests.headerId(broken.json());

        for (int attempt = 1; attempt <= 2; attempt++) {
            Reply reply = post(broken.json(), "application/fhir+json", ADMIN);

            assertThat(reply.status()).as(broken.name()).isEqualTo(200);
            assertThat(reply.ackCode()).as(reply.body()).isEqualTo("fatal-error");
            assertThat(reply.respondsTo()).isEqualTo(headerId);
            List<OperationOutcome.OperationOutcomeIssueComponent> errors = outcome(reply.bundle()).getIssue().stream()
                    .filter(i -> i.getSeverity() == OperationOutcome.IssueSeverity.ERROR).toList();
            assertThat(errors).as(reply.body()).anySatisfy(issue -> {
                assertThat(issue.getDiagnostics()).endsWith("(rule " + broken.rule() + ")");
                if (broken.errorCode() != null) {
                    assertThat(issue.getDetails().getCodingFirstRep().getCode()).isEqualTo(broken.errorCode());
                }
            });
        }
        assertThat(messageStatus(headerId)).isEqualTo("REJECTED");
        sleep(500);
        assertThat(deliveredCount(headerId)).isZero();
    }

    @Test
    void medcoms_duplicate_test_message_sent_twice_is_acknowledged_ok_twice_and_delivered_once() {
        String file = "Bundle-R-Tek-J-dublicate-7283eae8-0427-4bb0-8486-06b4febd416c.xml";
        String message = ReceiveTests.fresh(file);
        String headerId = ReceiveTests.headerId(message);

        Reply first = post(message, ReceiveTests.contentType(file), ADMIN);
        Reply second = post(message, ReceiveTests.contentType(file), ADMIN);

        assertThat(first.ackCode()).isEqualTo("ok");
        assertThat(second.ackCode()).isEqualTo("ok");
        assertThat(second.respondsTo()).isEqualTo(headerId);
        awaitFinalised(headerId);
        assertThat(deliveredCount(headerId)).isEqualTo(1);
        assertThat(trailSteps(headerId)).contains("duplicate");
    }

    @Test
    void warnings_are_kept_in_the_trail_and_counted_per_sender_and_rule() throws Exception {
        String message = ReceiveTests.fresh("HospitalNotification_Ex_RE_STIN_O.json");
        String headerId = ReceiveTests.headerId(message);

        assertThat(post(message, "application/fhir+json", ADMIN).ackCode()).isEqualTo("ok");

        String trail = get("/api/messages/" + headerId);
        assertThat(trail).contains("validation-warnings", "BUNDLE_ENTRY_URL_ABSOLUTE", "Validation_VAL_Profile_Unknown",
                "Reference_REF_NotFound_Bundle", "Type_Specific_Checks_DT_XHTML_Resolve");
        String findings = api("GET", "/api/ops/validation-findings", null, OPS);
        assertThat(findings).startsWith("200 ");
        JsonNode rows = JSON.readTree(findings.substring(4));
        assertThat(rows).anySatisfy(row -> {
            assertThat(row.path("sender").asText()).isEqualTo("265161000016000");
            assertThat(row.path("rule").asText()).isEqualTo("BUNDLE_ENTRY_URL_ABSOLUTE");
            assertThat(row.path("severity").asText()).isEqualTo("warning");
            assertThat(row.path("messages").asLong()).isPositive();
        });
        assertThat(api("GET", "/actuator/prometheus", null, OPS))
                .contains("gateway_validation_findings_total{rule=\"BUNDLE_ENTRY_URL_ABSOLUTE\",sender=\"265161000016000\",severity=\"warning\"}");
    }

    @Test
    void a_rejected_message_keeps_its_warnings_in_the_trail_beside_the_error() throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode bundle = (com.fasterxml.jackson.databind.node.ObjectNode)
                JSON.readTree(ReceiveTests.fresh("HospitalNotification_Ex_STIN_A.json"));
        bundle.withArray("entry").forEach(entry -> {
            if ("Patient".equals(entry.path("resource").path("resourceType").asText())) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) entry.path("resource")).remove("identifier");
            }
        });
        String message = JSON.writeValueAsString(bundle);
        String headerId = ReceiveTests.headerId(message);

        assertThat(post(message, "application/fhir+json", ADMIN).ackCode()).isEqualTo("fatal-error");

        assertThat(trailSteps(headerId)).contains("validation-warnings", "rejected");
        assertThat(get("/api/messages/" + headerId)).contains("BUNDLE_ENTRY_URL_ABSOLUTE");
    }

    static Stream<Arguments> scenarios() {
        return Stream.of(
                Arguments.of(List.of("HospitalNotification_Ex_STIN_F.json", "HospitalNotification_Ex_STOR_F.json"),
                        List.of("ADMITTED", "ON_LEAVE")),
                Arguments.of(List.of("HospitalNotification_Ex_STIN_I.json", "HospitalNotification_Ex_STOR_I.json",
                        "HospitalNotification_Ex_SLHJ_I.json"), List.of("ADMITTED", "ON_LEAVE", "DISCHARGED")),
                Arguments.of(List.of("HospitalNotification_Ex_STIN_O.json", "HospitalNotification_Ex_RE_STIN_O.json"),
                        List.of("ADMITTED", "ADMITTED")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void medcoms_scenarios_move_their_episode_as_the_receive_test_readme_says(List<String> files, List<String> states)
            throws Exception {
        List<String> messages = ReceiveTests.freshScenario(files);
        String episode = ReceiveTests.episodeIds(messages.get(0)).get(0);

        for (int i = 0; i < messages.size(); i++) {
            String headerId = ReceiveTests.headerId(messages.get(i));
            assertThat(post(messages.get(i), "application/fhir+json", ADMIN).ackCode()).isEqualTo("ok");
            awaitFinalised(headerId);
            String expected = states.get(i);
            String file = files.get(i);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(episode(episode).path("state").asText())
                    .as(file).isEqualTo(expected));
        }
        assertThat(episode(episode).path("flagged").asBoolean()).isFalse();
    }

    @Test
    void an_admission_arriving_after_the_discharge_of_its_stay_is_flagged_and_does_not_move_the_episode_back() throws Exception {
        List<String> messages = ReceiveTests.freshScenario(List.of("HospitalNotification_Ex_STIN_I.json",
                "HospitalNotification_Ex_STOR_I.json", "HospitalNotification_Ex_SLHJ_I.json"));
        String episode = ReceiveTests.episodeIds(messages.get(0)).get(0);
        String admission = messages.get(0);

        // SLHJ first, then the stay's STIN: the discharge, then a late admission of the same episode.
        for (String message : List.of(messages.get(2), admission)) {
            String headerId = ReceiveTests.headerId(message);
            assertThat(post(message, "application/fhir+json", ADMIN).ackCode()).isEqualTo("ok");
            awaitFinalised(headerId);
        }

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(episode(episode).path("flagged").asBoolean()).isTrue());
        assertThat(episode(episode).path("state").asText()).isEqualTo("DISCHARGED");
        String admissionId = ReceiveTests.headerId(admission);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM support_case c JOIN message m ON m.id = c.message_id"
                + " WHERE m.message_header_id = ? AND c.kind = 'episode-out-of-order'", Integer.class, admissionId)).isEqualTo(1);
    }

    /** The episode with this episode-of-care identifier, as support's API shows it for the test person. */
    private JsonNode episode(String episodeId) throws Exception {
        String answer = api("GET", "/api/episodes?patient=2509479989", null, SUPPORT);
        assertThat(answer).startsWith("200 ");
        for (JsonNode episode : JSON.readTree(answer.substring(4))) {
            if (episode.path("episodeOfCare").asText().endsWith("|" + episodeId)) {
                return episode;
            }
        }
        return JSON.createObjectNode();
    }

    private static OperationOutcome outcome(Bundle ack) {
        return ack.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).filter(OperationOutcome.class::isInstance)
                .map(OperationOutcome.class::cast).findFirst().orElseThrow();
    }
}
