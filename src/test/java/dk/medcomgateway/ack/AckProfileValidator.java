package dk.medcomgateway.ack;

import dk.medcomgateway.fhir.FhirCodec;
import dk.medcomgateway.message.ValidationIssue;
import dk.medcomgateway.validation.ProfileValidator;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;

/** The gateway's own Acknowledgement 2.0.3 validator, shared by the ack tests (built once: it is slow to build). */
final class AckProfileValidator {

    private static final ProfileValidator VALIDATOR = new ProfileValidator(new FhirCodec());

    private AckProfileValidator() {
    }

    /** Error-level findings of the acknowledgement against MedCom's profiles. */
    static List<String> errors(Bundle ack) {
        return VALIDATOR.validate(ack).stream().filter(ValidationIssue::isError)
                .map(issue -> issue.location() + ": " + issue.text()).toList();
    }
}
