package dk.medcomgateway.discharge;

import static org.assertj.core.api.Assertions.assertThat;

import dk.medcomgateway.config.GatewayProperties;
import dk.medcomgateway.discharge.Activity.Event;
import dk.medcomgateway.discharge.Activity.Modifier;
import dk.medcomgateway.discharge.DischargeMessages.Notification;
import dk.medcomgateway.privacy.PatientPseudonymizer;
import dk.medcomgateway.support.Examples;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** What discharge tracking reads from MedCom's official examples, and how config/discharge.yaml classifies documents. */
class DischargeMessagesTest {

    private static final DischargeProperties.Match REPORT = new DischargeProperties.Match(List.of("discharge"),
            List.of("(?i)udskrivningsrapport", "(?i)epikrise"));
    private static final DischargeProperties.Match PLAN = new DischargeProperties.Match(List.of("training"), List.of("(?i)genoptræningsplan"));

    /** As config/discharge.yaml: an XDIS18 always, an XDIS91 by its subject. */
    private static final List<DischargeProperties.Match> LETTER_REPORTS = List.of(
            new DischargeProperties.Match(List.of("XDIS18"), List.of()),
            new DischargeProperties.Match(List.of("XDIS91"), List.of("(?i)udskrivningsrapport")));

    private static final PatientPseudonymizer PSEUDONYMIZER = new PatientPseudonymizer(new Binder(new MapConfigurationPropertySource(
            Map.of("gateway.privacy.cpr-hash-key", "discharge-messages-test"))).bindOrCreate("gateway", GatewayProperties.class));

    private static DischargeMessages messages(boolean planRule) {
        return new DischargeMessages(new DischargeProperties(60000, new DischargeProperties.Report(Duration.ofHours(24), REPORT, LETTER_REPORTS),
                new DischargeProperties.RehabilitationPlan(planRule, List.of("IMP"), PLAN)), PSEUDONYMIZER);
    }

    @ParameterizedTest(name = "{0}: {1} {2} {3}")
    @CsvSource({
            "Bundle-a5e5b880-c087-4055-b9ec-99108695f81d.json, admit-inpatient, ADMIT, NEW, IMP",
            "Bundle-h1c8e4a8-6b45-4669-94ad-2a99ad96bf03.json, admit-emergency, ADMIT, NEW, EMER",
            "Bundle-d3128d9b-cede-4c7f-8904-809eab322d7d.json, start-leave-inpatient, START_LEAVE, NEW, IMP",
            "Bundle-e94de8ee-bd94-475e-b454-b8fbbef8a685.json, end-leave-inpatient, END_LEAVE, NEW, IMP",
            "Bundle-f4aa42a4-86db-4e68-9b38-9dda0dfd5774.json, discharge-inpatient-home, DISCHARGE, NEW, IMP",
            // MORS: HospitalNotification 3.0.2 has no activity code for a death; the Patient is deceased
            "Bundle-g099bbf3-3fca-4722-a248-bfe1aa956410.json, admit-inpatient, DECEASE, NEW, IMP",
            "Bundle-bfab3e80-9584-11ec-b909-0242ac120002.json, revise-admit-inpatient, ADMIT, REVISE, IMP",
            "Bundle-c83671a4-9584-11ec-b909-0242ac120002.json, cancel-admit-inpatient, ADMIT, CANCEL, IMP"})
    void each_hospital_notification_example_reads_as_its_own_activity(String file, String code, Event event, Modifier modifier,
                                                                      String encounterClass) {
        Notification notification = messages(false).notification(Examples.parse(Examples.read(file))).orElseThrow();
        assertThat(notification.activity()).isEqualTo(new Activity(event, modifier, code));
        assertThat(notification.patientHash()).as("the CPR number's keyed hash, never the number")
                .isEqualTo(PSEUDONYMIZER.hash("2509479989")).doesNotContain("2509479989");
        assertThat(notification.episodeKey()).isEqualTo("https://sor2.sum.dsdn.dk/#id=265161000016000|bd481c38-a921-11ed-afa1-0242ac120002");
        assertThat(notification.encounterClass()).isEqualTo(encounterClass);
        assertThat(notification.ward()).isEqualTo("265161000016000");
    }

    @Test
    void other_messages_are_not_notifications_and_an_unclassified_care_communication_is_no_document() {
        var careCommunication = Examples.parse(Examples.read("Bundle-add5e7e2-0c0f-4a4a-bfff-f6f984fa7e3c.json"));
        assertThat(messages(true).notification(careCommunication)).isEmpty();
        assertThat(messages(true).document(careCommunication)).isEmpty();
    }

    @Test
    void a_care_communication_with_a_report_category_and_topic_is_a_discharge_report() {
        String report = Examples.read("Bundle-add5e7e2-0c0f-4a4a-bfff-f6f984fa7e3c.json").replace("\"examination-results\"", "\"discharge\"")
                .replace("Forspørgsel på seneste resultater", "Epikrise og udskrivningsrapport");
        var document = messages(false).document(Examples.parse(report)).orElseThrow();
        assertThat(document.kinds()).containsExactly(DocumentKind.DISCHARGE_REPORT);
        assertThat(document.episodeKey()).isEmpty();
    }

    @Test
    void a_rehabilitation_plan_counts_only_when_the_rule_is_on() {
        String plan = Examples.read("Bundle-add5e7e2-0c0f-4a4a-bfff-f6f984fa7e3c.json").replace("\"examination-results\"", "\"training\"")
                .replace("Forspørgsel på seneste resultater", "Genoptræningsplan");
        assertThat(messages(false).document(Examples.parse(plan))).isEmpty();
        assertThat(messages(true).document(Examples.parse(plan)).orElseThrow().kinds()).containsExactly(DocumentKind.REHABILITATION_PLAN);
    }

    @Test
    void classification_needs_both_the_category_and_the_topic_when_both_are_configured() {
        assertThat(REPORT.matches(List.of("discharge"), "Udskrivningsrapport")).isTrue();
        assertThat(REPORT.matches(List.of("discharge"), "Hjælpemidler")).isFalse();
        assertThat(REPORT.matches(List.of("other"), "Udskrivningsrapport")).isFalse();
        assertThat(REPORT.matches(List.of("discharge"), null)).isFalse();
        assertThat(new DischargeProperties.Match(List.of("discharge"), List.of()).matches(List.of("discharge"), null)).isTrue();
        assertThat(new DischargeProperties.Match(List.of(), List.of("(?i)epikrise")).matches(List.of("other"), "EPIKRISE")).isTrue();
        assertThat(new DischargeProperties.Match(List.of(), List.of()).matches(List.of("discharge"), "Udskrivningsrapport")).isFalse();
    }

    @Test
    void a_rehabilitation_plan_is_due_by_local_midnight_after_the_discharge_for_listed_encounter_classes_when_on() {
        ZoneId copenhagen = ZoneId.of("Europe/Copenhagen");
        OffsetDateTime delivered = OffsetDateTime.parse("2026-03-03T22:30:00Z"); // 23:30 in Copenhagen
        var on = new DischargeProperties.RehabilitationPlan(true, List.of("IMP"), PLAN);
        assertThat(on.dueFor("IMP", delivered, copenhagen)).contains(OffsetDateTime.parse("2026-03-04T00:00+01:00"));
        assertThat(on.dueFor("EMER", delivered, copenhagen)).isEmpty();
        assertThat(new DischargeProperties.RehabilitationPlan(false, List.of("IMP"), PLAN).dueFor("IMP", delivered, copenhagen))
                .isEqualTo(Optional.empty());
    }

    @Test
    void an_XDIS18_letter_is_a_discharge_report_and_an_XDIS91_only_when_its_subject_says_so() {
        DischargeMessages messages = messages(false);
        assertThat(messages.letterDocument("2505544849", "XDIS18", null)).map(DischargeMessages.Document::kinds)
                .contains(java.util.EnumSet.of(DocumentKind.DISCHARGE_REPORT));
        assertThat(messages.letterDocument("2505544849", "XDIS91", "Udskrivningsrapport fra C4")).isPresent();
        assertThat(messages.letterDocument("2505544849", "XDIS91", "Forundersøgelse")).isEmpty();
        assertThat(messages.letterDocument("2505544849", "XDIS20", null)).isEmpty();
        assertThat(messages.letterDocument(null, "XDIS18", null)).isEmpty();
    }
}
