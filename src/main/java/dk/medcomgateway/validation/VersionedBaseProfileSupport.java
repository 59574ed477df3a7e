package dk.medcomgateway.validation;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.BaseValidationSupport;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * Answers base-spec profiles carrying the R4 version ("http://hl7.org/fhir/StructureDefinition/Organization|4.0.1",
 * as CareCommunication 5, Messaging 4 and MedCom core 3 write them) with the unversioned base definitions.
 * HAPI finds base definitions only without the suffix (hapi-fhir #7453, #7564) and would otherwise
 * report "Unable to resolve the profile reference" on every MessageHeader.destination.receiver.
 * Versioned base ValueSets ("…/ValueSet/identifier-use|4.0.1") HAPI resolves itself.
 */
final class VersionedBaseProfileSupport extends BaseValidationSupport {

    private static final String BASE = "http://hl7.org/fhir/StructureDefinition/";
    private static final String R4_SUFFIX = "|4.0.1";

    private final IValidationSupport base;

    VersionedBaseProfileSupport(FhirContext context, IValidationSupport base) {
        super(context);
        this.base = base;
    }

    @Override
    public String getName() {
        return "MedCom gateway |4.0.1 base profiles";
    }

    @Override
    public IBaseResource fetchStructureDefinition(String url) {
        String unversioned = unversioned(url);
        return unversioned == null ? null : base.fetchStructureDefinition(unversioned);
    }

    private static String unversioned(String url) {
        return url != null && url.startsWith(BASE) && url.endsWith(R4_SUFFIX)
                ? url.substring(0, url.length() - R4_SUFFIX.length())
                : null;
    }
}
