package dk.medcomgateway.support;

import ca.uhn.fhir.context.FhirContext;
import java.util.List;
import java.util.function.Consumer;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.MessageHeader;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Provenance;

/**
 * MedCom example messages that each break one mandatory rule of the standards, with fresh ids, and the rule
 * and MedCom acknowledgement error code the gateway must name when it rejects them. Whatever the validation
 * policy relaxes, none of these may get through.
 */
public final class BrokenMessages {

    /**
     * @param rule      the rule the fatal-error acknowledgement must name (validator message id or the gateway's own)
     * @param errorCode the MedCom acknowledgement error code it must carry, or null where MedCom's code list has none
     */
    public record Broken(String name, String json, String rule, String errorCode) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final FhirContext FHIR = FhirContext.forR4();
    private static final String STIN = "Bundle-a5e5b880-c087-4055-b9ec-99108695f81d.json";
    private static final String CARE_COMMUNICATION = "Bundle-add5e7e2-0c0f-4a4a-bfff-f6f984fa7e3c.json";

    private BrokenMessages() {
    }

    public static List<Broken> all() {
        return List.of(
                // Parsed values that break their datatype or required binding: the parser cannot hold them.
                new Broken("wrong datatype (Encounter.period.start is no dateTime)",
                        Examples.freshStin().replace("\"start\" : \"2022-12-07T12:00:00+02:00\"", "\"start\" : \"2022-13-45T12:00:00+02:00\""),
                        "FHIR_DATATYPE", "MSG_Datatype_Wrong"),
                new Broken("unknown code in a required binding (Encounter.status)",
                        Examples.freshStin().replace("\"status\" : \"in-progress\"", "\"status\" : \"sort-of-finished\""),
                        "FHIR_CODE_UNKNOWN", "MSG_VALUESET_VALUE_UNKNOWN"),
                new Broken("missing mandatory element of a MedCom profile (Patient.identifier)",
                        changed(STIN, bundle -> resource(bundle, Patient.class).getIdentifier().clear()),
                        "Validation_VAL_Profile_Minimum", null),
                new Broken("Bundle invariant: duplicate fullUrl (the Patient entry twice)",
                        changed(STIN, bundle -> bundle.getEntry().add(bundle.getEntry().stream()
                                .filter(e -> e.getResource() instanceof Patient).findFirst().orElseThrow().copy())),
                        "http://hl7.org/fhir/StructureDefinition/Bundle#bdl-7", null),
                new Broken("missing Provenance",
                        changed(STIN, bundle -> bundle.getEntry().removeIf(e -> e.getResource() instanceof Provenance)),
                        "MEDCOM_PROVENANCE", null),
                new Broken("unknown event code",
                        changed(STIN, bundle -> ((MessageHeader) bundle.getEntryFirstRep().getResource()).getEventCoding().setCode("no-such-message")),
                        "MEDCOM_EVENT_CODE", "MSG_CodeSystem_VALUE_UNKNOWN"),
                new Broken("CareCommunication without its payload",
                        changed(CARE_COMMUNICATION, bundle -> resource(bundle, Communication.class).getPayload().clear()),
                        "Validation_VAL_Profile_Minimum", null),
                new Broken("CareCommunication without its category code",
                        changed(CARE_COMMUNICATION, bundle -> resource(bundle, Communication.class).getCategory().clear()),
                        "Validation_VAL_Profile_Minimum", null));
    }

    /** An example with fresh ids, changed by HAPI's model and encoded again. */
    private static String changed(String example, Consumer<Bundle> change) {
        Bundle bundle = Examples.parse(Examples.fresh(Examples.read(example)));
        change.accept(bundle);
        return FHIR.newJsonParser().encodeResourceToString(bundle);
    }

    private static <T> T resource(Bundle bundle, Class<T> type) {
        return bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).filter(type::isInstance).map(type::cast)
                .findFirst().orElseThrow();
    }
}
