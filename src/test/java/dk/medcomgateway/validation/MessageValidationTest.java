package dk.medcomgateway.validation;

import static dk.medcomgateway.validation.MedComExamples.CODEC;
import static dk.medcomgateway.validation.MedComExamples.STIN;
import static dk.medcomgateway.validation.MedComExamples.errors;
import static dk.medcomgateway.validation.MedComExamples.read;
import static org.assertj.core.api.Assertions.assertThat;

import dk.medcomgateway.config.GatewayProperties;
import dk.medcomgateway.fhir.MessageBundles;
import dk.medcomgateway.message.ValidationIssue;
import dk.medcomgateway.routing.Partner;
import dk.medcomgateway.routing.PartnerDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MessageValidationTest {

    /** The sender of the HospitalNotification example (Hjerteafdelingen, Herlev og Gentofte Hospital). */
    private static final String STIN_SENDER_SOR = "265161000016000";
    private static final ProfileValidator PROFILES = MedComExamples.validator();

    private final MessageStructureCheck structure = new MessageStructureCheck(CODEC);

    @Test
    void messageBreakingAProfileRuleIsAcceptedFromAStructuralPartnerAndRefusedFromAProfilePartner() {
        Bundle withoutPatientIdentifier = read(STIN);
        MessageBundles.patient(withoutPatientIdentifier).orElseThrow().getIdentifier().clear();

        assertThat(errors(validation(Partner.Validation.STRUCTURAL).check(withoutPatientIdentifier, null))).isEmpty();
        assertThat(errors(validation(Partner.Validation.PROFILE).check(withoutPatientIdentifier, null)))
                .extracting(ValidationIssue::text).anyMatch(text -> text.contains("Patient.identifier: minimum required = 1"));
    }

    @Test
    void structuralPartnerStillGetsMedComMessageRules() {
        Bundle withoutHeaderId = read(STIN);
        MessageBundles.header(withoutHeaderId).setId((String) null);

        assertThat(errors(validation(Partner.Validation.STRUCTURAL).check(withoutHeaderId, null))).isNotEmpty();
    }

    @Test
    void senderNotInTheDirectoryGetsProfileValidation() {
        Bundle withoutPatientIdentifier = read(STIN);
        MessageBundles.patient(withoutPatientIdentifier).orElseThrow().getIdentifier().clear();
        MessageValidation validation = new MessageValidation(structure, PROFILES, new PartnerDirectory(List.of()), ValidationPolicy.validatorSeverities());

        assertThat(errors(validation.check(withoutPatientIdentifier, null))).isNotEmpty();
    }

    @Test
    void partnersFileSaysStructuralOrProfileAndDefaultsToProfile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("partners.yaml");
        Files.writeString(file, """
                partners:
                  - {name: Structural, sor: "1", validation: structural, delivery: {directory: outbox/a}}
                  - {name: Profile, sor: "2", validation: profile, delivery: {directory: outbox/b}}
                  - {name: Unset, sor: "3", delivery: {directory: outbox/c}}
                """);
        PartnerDirectory directory = new PartnerDirectory(new GatewayProperties(dir, file, null, null, null, null, null, null));

        assertThat(directory.bySor("1").orElseThrow().validation()).isEqualTo(Partner.Validation.STRUCTURAL);
        assertThat(directory.bySor("2").orElseThrow().validation()).isEqualTo(Partner.Validation.PROFILE);
        assertThat(directory.bySor("3").orElseThrow().validation()).isEqualTo(Partner.Validation.PROFILE);
    }

    private MessageValidation validation(Partner.Validation level) {
        Partner sender = new Partner("Hjerteafdelingen", STIN_SENDER_SOR, null,
                new Partner.Delivery(null, null, "outbox/hjerte"), null, null, level);
        return new MessageValidation(structure, PROFILES, new PartnerDirectory(List.of(sender)), ValidationPolicy.validatorSeverities());
    }
}
