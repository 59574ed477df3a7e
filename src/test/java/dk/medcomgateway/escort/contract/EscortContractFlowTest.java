package dk.medcomgateway.escort.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.medcomgateway.escort.contract.CareCommunications.Draft;
import dk.medcomgateway.escort.contract.CareCommunications.Form;
import dk.medcomgateway.escort.contract.CareCommunications.Party;
import dk.medcomgateway.fhir.FhirCodec;
import dk.medcomgateway.fhir.FhirFormat;
import dk.medcomgateway.fhir.MessageBundles;
import dk.medcomgateway.message.ValidationIssue;
import dk.medcomgateway.support.GatewayTestBase;
import dk.medcomgateway.support.TestReceiver.Received;
import dk.medcomgateway.validation.ProfileValidator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The escort contract flow end to end: a ward's contract reaches the municipality's system over
 * HTTP as a valid MedCom CareCommunication, the municipality answers by API or by reply, a decline
 * and an unanswered contract reach the ward, and a settlement is priced and sent to the ward.
 */
class EscortContractFlowTest extends GatewayTestBase {

    private static final String WARD_SOR = "265161000016000";
    private static final String WARD_EAN = "5790000209354";
    private static final String WARD_MAILBOX = "edi-hospital@kommune.example";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    ProfileValidator validator;
    @Autowired
    CareCommunications careCommunications;
    @Autowired
    FhirCodec codec;

    @Test
    void contractWithoutConsentIsRefusedWithTheReason() throws Exception {
        JsonNode problem = call(422, "POST", "/api/escort-contracts", contract(false, false, appointment(5)), PARTNER);
        assertThat(problem.path("reason").asText()).isEqualTo("no-consent");
        assertThat(problem.path("detail").asText()).contains("not consented");
    }

    @Test
    void respiratoryPatientInAJointHelperArrangementIsRefusedAsNotUnderTheAgreement() throws Exception {
        JsonNode problem = call(422, "POST", "/api/escort-contracts", contract(true, true, appointment(5)), PARTNER);
        assertThat(problem.path("reason").asText()).isEqualTo("respiratory-joint-helper");
        assertThat(problem.path("detail").asText()).contains("respirationspatient i fælles hjælperordning");
    }

    @Test
    void malformedContractIsABadRequestNamingWhatIsWrong() throws Exception {
        String valid = contract(true, false, appointment(5));
        assertThat(call(400, "POST", "/api/escort-contracts", valid.replace("\"consent\"", "\"consents\""), PARTNER)
                .path("detail").asText()).contains("'consents' is malformed or unknown");
        assertThat(call(400, "POST", "/api/escort-contracts", valid.replace("\"course\": \"single\"", "\"course\": \"weekly\""), PARTNER)
                .path("detail").asText()).contains("'course'");
        assertThat(call(400, "POST", "/api/escort-contracts", valid.replace(", \"other\"]", "]").replace("\"transport-escort\", \"personal-care\"", ""), PARTNER)
                .path("detail").asText()).contains("'tasks' needs at least one");
        assertThat(call(400, "POST", "/api/escort-contracts", valid.replace("\"otherTasks\": \"Hjælp med høreapparat\"", "\"otherTasks\": null"), PARTNER)
                .path("detail").asText()).contains("Task 'other' needs 'otherTasks'");
    }

    @Test
    void wardCannotMakeAContractForAWardOfAnotherAccount() throws Exception {
        call(403, "POST", "/api/escort-contracts", contract(true, false, appointment(5)), MUNICIPALITY);
    }

    @Test
    void contractReachesTheMunicipalityAsAValidCareCommunicationWithTheFormAttached() throws Exception {
        JsonNode contract = create(appointment(5));
        assertThat(contract.path("status").asText()).isEqualTo("sent");
        String messageId = contract.path("messageHeaderId").asText();

        Bundle delivered = deliveredTo("/kommune", messageId);
        assertThat(validator.validate(delivered).stream().filter(ValidationIssue::isError)).isEmpty();
        Communication communication = communication(delivered);
        assertThat(communication.getTopic().getText()).isEqualTo("Ledsageaftale nr. " + contract.path("id").asLong());
        assertThat(communication.getPayloadFirstRep().getContentStringType().getValue())
                .contains("Standardkontrakt om ledsagelse", "Bruno Elmer", "EAN til fakturering " + WARD_EAN, "Personlig pleje");
        Attachment form = (Attachment) communication.getPayload().get(1).getContent();
        assertThat(form.getContentType()).isEqualTo("application/pdf");
        assertThat(new String(form.getData(), StandardCharsets.ISO_8859_1)).startsWith("%PDF-1.4").contains("Standardkontrakt");
        assertThat(MessageBundles.patient(delivered).orElseThrow().getIdentifierFirstRep().getValue()).isEqualTo("2509479989");

        // The gateway keeps only the keyed hash of the CPR number, and the message has its trail like any other.
        assertThat(jdbc.queryForObject("SELECT patient_hash FROM escort_contract WHERE id = ?", String.class,
                contract.path("id").asLong())).hasSize(64).doesNotContain("2509479989");
        assertThat(api("GET", "/api/messages/" + messageId, null, SUPPORT)).startsWith("200").contains("\"escort\"");
    }

    @Test
    void municipalityAcceptsByApiAndTheWardIsTold() throws Exception {
        JsonNode contract = create(appointment(6));
        long id = contract.path("id").asLong();

        JsonNode accepted = call(200, "POST", "/api/escort-contracts/" + id + "/accept", answer("Vi kommer."), MUNICIPALITY);
        assertThat(accepted.path("status").asText()).isEqualTo("accepted");
        await().atMost(Duration.ofSeconds(30)).until(() -> !toWard("Kommunen accepterer ledsageaftale nr. " + id).isEmpty());
        call(409, "POST", "/api/escort-contracts/" + id + "/decline", answer(null), MUNICIPALITY);
    }

    @Test
    void onlyTheAddressedMunicipalityMayAnswer() throws Exception {
        long id = create(appointment(6)).path("id").asLong();
        JsonNode problem = call(403, "POST", "/api/escort-contracts/" + id + "/accept", answer(null), PARTNER);
        assertThat(problem.path("detail").asText()).contains("Only municipality " + MUNICIPALITY_SOR);
        call(403, "POST", "/api/escort-contracts/" + id + "/settlements", settlement(), PARTNER);
        assertThat(call(200, "GET", "/api/escort-contracts/" + id, null, SUPPORT).path("contract").path("status").asText())
                .isEqualTo("sent");
    }

    @Test
    void declineByApiTellsTheWardToStaffTheEscortItself() throws Exception {
        long id = create(appointment(7)).path("id").asLong();

        JsonNode declined = call(200, "POST", "/api/escort-contracts/" + id + "/decline", answer("Ingen ledige medarbejdere."),
                MUNICIPALITY);
        assertThat(declined.path("status").asText()).isEqualTo("declined");
        Bundle note = awaitWardMessage("Kommunen afviser ledsageaftale nr. " + id);
        assertThat(validator.validate(note).stream().filter(ValidationIssue::isError)).isEmpty();
        assertThat(communication(note).getPayloadFirstRep().getContentStringType().getValue())
                .contains("Hospitalet skal selv bemande ledsagelsen", "Ingen ledige medarbejdere");
        await().atMost(Duration.ofSeconds(30)).until(() -> !mailsTo(WARD_MAILBOX, "Ledsageaftale nr. " + id + " afvist").isEmpty());
    }

    @Test
    void replyThatAcceptsIsTheMunicipalitysAnswerAndStillReachesTheWard() throws Exception {
        JsonNode contract = create(appointment(8));
        long id = contract.path("id").asLong();

        Bundle reply = reply(contract, "Hej. Vi accepterer ledsagelsen. Mvh. Emma");
        Reply ack = post(json(reply), "application/fhir+json", MUNICIPALITY);
        assertThat(ack.ackCode()).isEqualTo("ok");

        await().atMost(Duration.ofSeconds(30)).until(() -> status(id).equals("accepted"));
        assertThat(deliveredTo("/hospital", MessageBundles.headerId(reply))).isNotNull();
        assertThat(trailSteps(MessageBundles.headerId(reply))).contains("escort-answer");
    }

    @Test
    void replyThatDeclinesIsRoutedBackToTheWardWithTheNote() throws Exception {
        JsonNode contract = create(appointment(8));
        long id = contract.path("id").asLong();

        Bundle reply = reply(contract, "Vi må desværre afvise opgaven.");
        assertThat(post(json(reply), "application/fhir+json", MUNICIPALITY).ackCode()).isEqualTo("ok");

        await().atMost(Duration.ofSeconds(30)).until(() -> status(id).equals("declined"));
        awaitWardMessage("Kommunen afviser ledsageaftale nr. " + id);
        await().atMost(Duration.ofSeconds(30)).until(() -> !mailsTo(WARD_MAILBOX, "Ledsageaftale nr. " + id + " afvist").isEmpty());
    }

    @Test
    void replyFromAnotherOrganisationIsNotAnAnswer() throws Exception {
        JsonNode contract = create(appointment(8));
        long id = contract.path("id").asLong();
        Bundle reply = careCommunications.build(new Draft(new Party("Plejecenter Herlev", "953741000016009", "5790001348120"),
                new Party("Hjerteafdelingen", WARD_SOR, WARD_EAN), citizen(contract), threadOf(contract), "Ledsageaftale nr. " + id,
                new Contact("Emma", "Sygeplejerske", "44527000"), "Vi accepterer.", new Form("Svar", TextPdf.of(List.of("Svar"))),
                contract.path("messageHeaderId").asText()));
        assertThat(post(json(reply), "application/fhir+json", PARTNER).ackCode()).isEqualTo("ok");

        await().atMost(Duration.ofSeconds(30)).until(() -> trailSteps(MessageBundles.headerId(reply)).contains("escort-answer"));
        assertThat(status(id)).isEqualTo("sent");
    }

    @Test
    void contractNotAnsweredBeforeTheDeadlineIsEscalatedToTheWard() throws Exception {
        long id = create(appointment(3)).path("id").asLong();
        sleep(700);
        assertThat(status(id)).isEqualTo("sent");

        CLOCK.advance(Duration.ofDays(3));
        await().atMost(Duration.ofSeconds(30)).until(() -> status(id).equals("escalated"));
        JsonNode cases = JSON.readTree(api("GET", "/api/cases", null, SUPPORT).substring(4));
        assertThat(cases.findValues("detail").stream().map(JsonNode::asText))
                .anyMatch(detail -> detail.startsWith("Escort contract " + id + " to municipality"));
        await().atMost(Duration.ofSeconds(30)).until(() -> !mailsTo(WARD_MAILBOX, "Ledsageaftale nr. " + id + " ubesvaret").isEmpty());

        // A late answer still counts, and closes the case.
        call(200, "POST", "/api/escort-contracts/" + id + "/accept", answer(null), MUNICIPALITY);
        long caseId = jdbc.queryForObject("SELECT support_case_id FROM escort_contract WHERE id = ?", Long.class, id);
        assertThat(jdbc.queryForObject("SELECT status FROM support_case WHERE id = ?", String.class, caseId)).isEqualTo("CLOSED");
    }

    @Test
    void settlementIsPricedStoredAndSentToTheWardsEan() throws Exception {
        long id = create(appointment(9)).path("id").asLong();
        call(409, "POST", "/api/escort-contracts/" + id + "/settlements", settlement(), MUNICIPALITY);
        call(200, "POST", "/api/escort-contracts/" + id + "/accept", answer(null), MUNICIPALITY);

        JsonNode settlement = call(201, "POST", "/api/escort-contracts/" + id + "/settlements", settlement(), MUNICIPALITY);
        assertThat(settlement.path("quote").path("amountDkk").decimalValue()).isEqualByComparingTo("987.61");
        assertThat(settlement.path("quote").path("dayHours").decimalValue()).isEqualByComparingTo("0.5");

        Bundle sent = awaitWardMessage("Afregning af ledsagelse nr. " + settlement.path("id").asLong());
        assertThat(validator.validate(sent).stream().filter(ValidationIssue::isError)).isEmpty();
        assertThat(communication(sent).getPayloadFirstRep().getContentStringType().getValue())
                .contains("I alt: 987.61 DKK", "Faktureres til afdelingen, EAN " + WARD_EAN, "Dagtimer 2026-03-03 16:30–2026-03-03 17:00");
        assertThat(MessageBundles.organization(sent, MessageBundles.header(sent).getDestinationFirstRep().getReceiver())
                .flatMap(o -> MessageBundles.identifier(o, MessageBundles.GLN_SYSTEM))).contains(WARD_EAN);
        Attachment form = (Attachment) communication(sent).getPayload().get(1).getContent();
        assertThat(new String(form.getData(), StandardCharsets.ISO_8859_1)).contains("987.61 DKK");

        JsonNode view = call(200, "GET", "/api/escort-contracts/" + id, null, PARTNER);
        assertThat(view.path("contract").path("status").asText()).isEqualTo("settled");
        assertThat(view.path("history").findValues("status").stream().map(JsonNode::asText))
                .containsExactly("requested", "sent", "accepted", "accepted", "settled");
        assertThat(view.path("settlements").get(0).path("quote").path("amountDkk").decimalValue()).isEqualByComparingTo("987.61");
        assertThat(call(200, "GET", "/api/escort-contracts/" + id, null, MUNICIPALITY).path("contract").path("id").asLong()).isEqualTo(id);
        call(404, "GET", "/api/escort-contracts/999999999", null, SUPPORT);
    }

    // --- helpers

    private JsonNode create(LocalDateTime appointment) throws Exception {
        return call(201, "POST", "/api/escort-contracts", contract(true, false, appointment), PARTNER);
    }

    private static LocalDateTime appointment(int daysAhead) {
        return LocalDate.now(CLOCK).plusDays(daysAhead).atTime(9, 0);
    }

    private static String contract(boolean consent, boolean respiratory, LocalDateTime appointment) {
        return """
                {"patient": {"cpr": "2509479989", "given": "Bruno", "family": "Elmer"},
                 "ward": {"sor": "%s", "ean": "%s"},
                 "municipality": "%s",
                 "treatment": "planned", "course": "single",
                 "appointments": ["%s"],
                 "tasks": ["transport-escort", "personal-care", "other"], "otherTasks": "Hjælp med høreapparat",
                 "consent": %s, "respiratoryJointHelper": %s,
                 "contact": {"name": "Michael Burns", "role": "Sygeplejerske", "phone": "38683868"}}
                """.formatted(WARD_SOR, WARD_EAN, MUNICIPALITY_SOR, appointment, consent, respiratory);
    }

    private static String answer(String note) {
        return "{\"contact\": {\"name\": \"Emma Hansen\", \"role\": \"Visitator\", \"phone\": \"44527000\"}"
                + (note == null ? "" : ", \"note\": \"" + note + "\"") + "}";
    }

    private static String settlement() {
        return """
                {"start": "2026-03-03T16:30", "end": "2026-03-03T19:00", "kilometres": 0, "parkingDkk": 0,
                 "contact": {"name": "Emma Hansen", "phone": "44527000"}}
                """;
    }

    /** A JSON API call that must answer the given status; its body parsed. */
    private JsonNode call(int status, String method, String path, String json, String user) throws Exception {
        String answer = api(method, path, json, user);
        assertThat(answer).as(method + " " + path).startsWith(status + " ");
        String body = answer.substring(4);
        return body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
    }

    private String json(Bundle bundle) {
        return new String(codec.encode(bundle, FhirFormat.JSON), StandardCharsets.UTF_8);
    }

    private String status(long id) {
        return jdbc.queryForObject("SELECT status FROM escort_contract WHERE id = ?", String.class, id).toLowerCase();
    }

    private Bundle deliveredTo(String path, String messageHeaderId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> RECEIVER.received(path).stream()
                .anyMatch(r -> r.body().contains("\"" + messageHeaderId + "\"")));
        Received received = RECEIVER.received(path).stream().filter(r -> r.body().contains("\"" + messageHeaderId + "\""))
                .findFirst().orElseThrow();
        return (Bundle) codec.parse(received.body().getBytes(StandardCharsets.UTF_8), FhirFormat.JSON);
    }

    private List<Received> toWard(String text) {
        return RECEIVER.received("/hospital").stream().filter(r -> r.body().contains(text)).toList();
    }

    private Bundle awaitWardMessage(String text) {
        await().atMost(Duration.ofSeconds(30)).until(() -> !toWard(text).isEmpty());
        return (Bundle) codec.parse(toWard(text).get(0).body().getBytes(StandardCharsets.UTF_8), FhirFormat.JSON);
    }

    private static Communication communication(Bundle bundle) {
        return bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).filter(Communication.class::isInstance)
                .map(Communication.class::cast).findFirst().orElseThrow();
    }

    /** The municipality's reply to the contract message, as its system would write it. */
    private Bundle reply(JsonNode contract, String text) {
        return careCommunications.build(new Draft(new Party("Herlev Kommune", MUNICIPALITY_SOR, MUNICIPALITY_GLN),
                new Party("Hjerteafdelingen", WARD_SOR, WARD_EAN), citizen(contract), threadOf(contract),
                "Ledsageaftale nr. " + contract.path("id").asLong(), new Contact("Emma Hansen", "Visitator", "44527000"), text,
                new Form("Svar", TextPdf.of(List.of(text))), contract.path("messageHeaderId").asText()));
    }

    private Patient citizen(JsonNode contract) {
        return MessageBundles.patient(deliveredTo("/kommune", contract.path("messageHeaderId").asText())).orElseThrow();
    }

    private String threadOf(JsonNode contract) {
        return communication(deliveredTo("/kommune", contract.path("messageHeaderId").asText())).getIdentifierFirstRep().getValue();
    }
}
