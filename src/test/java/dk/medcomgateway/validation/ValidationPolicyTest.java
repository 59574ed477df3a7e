package dk.medcomgateway.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dk.medcomgateway.message.ValidationIssue;
import dk.medcomgateway.support.ReceiveTests;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

class ValidationPolicyTest {

    private static final ValidationPolicy SHIPPED = ValidationPolicy.load(Path.of("config", "validation.yaml"));

    /** STOR_F carries the STIN's Provenance (entry 5, history) besides its own (entry 6, targets its MessageHeader). */
    private static final Bundle STOR_F = ReceiveTests.parse(ReceiveTests.read("HospitalNotification_Ex_STOR_F.json"));

    @Test
    void every_rule_of_the_shipped_policy_says_why_and_on_whose_authority() {
        assertThat(SHIPPED.rules()).isNotEmpty().allSatisfy(rule -> {
            assertThat(rule.reason()).as(rule.id()).isNotBlank();
            assertThat(rule.source()).as(rule.id()).isNotBlank();
        });
    }

    @Test
    void a_finding_no_rule_names_keeps_the_validators_severity() {
        ValidationIssue error = finding("error", "Validation_VAL_Profile_Minimum", "Bundle.entry[1].resource");
        ValidationIssue warning = finding("warning", "Terminology_TX_NoValid_2_CC", "Bundle.entry[1].resource");

        assertThat(SHIPPED.apply(List.of(error, warning), STOR_F, null)).containsExactly(error, warning);
    }

    @Test
    void an_unresolved_reference_is_a_warning_only_in_a_provenance_of_an_earlier_message() {
        ValidationIssue inHistory = finding("error", "Reference_REF_NotFound_Bundle", "Bundle.entry[5].resource/*Provenance/a7cf3888*/.agent[0].who");
        ValidationIssue inOwnProvenance = finding("error", "Reference_REF_NotFound_Bundle", "Bundle.entry[6].resource/*Provenance/dc421d0a*/.agent[0].who");
        ValidationIssue inEncounter = finding("error", "Reference_REF_NotFound_Bundle", "Bundle.entry[2].resource/*Encounter/d56e9c54*/.subject");

        assertThat(SHIPPED.apply(List.of(inHistory, inOwnProvenance, inEncounter), STOR_F, null))
                .extracting(ValidationIssue::severity).containsExactly("warning", "error", "error");
    }

    @Test
    void a_repeated_full_url_is_a_warning_only_when_all_the_repeated_entries_are_provenances() {
        ValidationIssue bdl7 = finding("error", "http://hl7.org/fhir/StructureDefinition/Bundle#bdl-7", "Bundle");
        Bundle slhj = ReceiveTests.parse(ReceiveTests.read("HospitalNotification_Ex_SLHJ_I.json"));
        Bundle patientTwice = ReceiveTests.parse(ReceiveTests.read("HospitalNotification_Ex_SLHJ_I.json"));
        patientTwice.getEntry().add(patientTwice.getEntry().stream().filter(e -> e.getResource() instanceof Patient)
                .findFirst().orElseThrow().copy());

        assertThat(SHIPPED.apply(List.of(bdl7), slhj, null)).extracting(ValidationIssue::severity).containsExactly("warning");
        assertThat(SHIPPED.apply(List.of(bdl7), patientTwice, null)).extracting(ValidationIssue::severity).containsExactly("error");
    }

    @Test
    void a_warning_carries_no_medcom_error_code() {
        ValidationIssue link = new ValidationIssue("error", "MSG_Datatype_Wrong", "Bundle.entry[0].resource.text.div", "text",
                "Type_Specific_Checks_DT_XHTML_Resolve");

        assertThat(SHIPPED.apply(List.of(link), STOR_F, null)).singleElement().satisfies(issue -> {
            assertThat(issue.severity()).isEqualTo("warning");
            assertThat(issue.errorCode()).isNull();
        });
    }

    @Test
    void an_unknown_profile_is_a_warning_only_on_a_meta_profile_claim() {
        ValidationIssue claim = finding("error", "Validation_VAL_Profile_Unknown", "Bundle.meta.profile[0]");
        ValidationIssue elsewhere = finding("error", "Validation_VAL_Profile_Unknown", "Bundle.entry[2].resource.extension[0]");

        assertThat(SHIPPED.apply(List.of(claim, elsewhere), STOR_F, null)).extracting(ValidationIssue::severity)
                .containsExactly("warning", "error");
    }

    @Test
    void a_partner_can_have_a_relaxed_rule_raised_to_an_error_again() throws Exception {
        ValidationPolicy policy = ValidationPolicy.read(yaml("""
                rules:
                  - {id: BUNDLE_ENTRY_URL_ABSOLUTE, severity: warning, reason: r, source: s}
                partners:
                  - {partner: "265161000016000", errors: [BUNDLE_ENTRY_URL_ABSOLUTE, Terminology_TX_NoValid_2_CC]}
                """));
        ValidationIssue fullUrl = finding("error", "BUNDLE_ENTRY_URL_ABSOLUTE", "Bundle.entry[0]");
        ValidationIssue coding = finding("warning", "Terminology_TX_NoValid_2_CC", "Bundle.entry[1].resource");

        assertThat(policy.apply(List.of(fullUrl, coding), STOR_F, "265161000016000"))
                .extracting(ValidationIssue::severity).containsExactly("error", "error");
        assertThat(policy.apply(List.of(fullUrl, coding), STOR_F, "953741000016009"))
                .extracting(ValidationIssue::severity).containsExactly("warning", "warning");
    }

    @Test
    void a_policy_relaxing_a_rule_that_protects_routing_or_the_patient_is_refused() {
        for (String rule : List.of("MEDCOM_SENDER", "MEDCOM_RECEIVER", "MEDCOM_PATIENT", "MEDCOM_HEADER_FIRST", "FHIR_CODE_UNKNOWN")) {
            assertThatThrownBy(() -> ValidationPolicy.read(yaml("rules:\n  - {id: " + rule + ", severity: warning}\n")))
                    .as(rule).hasMessageContaining(rule);
        }
    }

    @Test
    void a_policy_with_a_misspelt_setting_is_refused_rather_than_half_read() {
        assertThatThrownBy(() -> ValidationPolicy.read(yaml("rules:\n  - {id: X, severity: warning, wher: anywhere}\n")))
                .hasMessageContaining("wher");
        assertThatThrownBy(() -> ValidationPolicy.read(yaml("rules:\n  - {id: X, severity: warning, where: somewhere}\n")))
                .hasMessageContaining("somewhere");
    }

    private static ValidationIssue finding(String severity, String rule, String location) {
        return new ValidationIssue(severity, null, location, "text", rule);
    }

    private static ByteArrayInputStream yaml(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
