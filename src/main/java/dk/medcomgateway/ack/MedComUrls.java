package dk.medcomgateway.ack;

/** Canonical URLs of the MedCom Acknowledgement 2.0.3 profiles and the terminology they bind to. */
final class MedComUrls {

    static final String ACK_MESSAGE_PROFILE =
            "http://medcomfhir.dk/ig/acknowledgement/StructureDefinition/medcom-messaging-acknowledgement";
    static final String ACK_HEADER_PROFILE =
            "http://medcomfhir.dk/ig/acknowledgement/StructureDefinition/medcom-messaging-acknowledgementHeader";
    static final String ACK_OUTCOME_PROFILE =
            "http://medcomfhir.dk/ig/acknowledgement/StructureDefinition/medcom-acknowledgement-operationoutcome";
    static final String PROVENANCE_PROFILE =
            "http://medcomfhir.dk/ig/messaging/StructureDefinition/medcom-messaging-provenance";
    static final String DESTINATION_USE_EXTENSION =
            "http://medcomfhir.dk/ig/messaging/StructureDefinition/medcom-messaging-destinationUseExtension";

    static final String EVENT_CODES = "http://medcomfhir.dk/ig/terminology/CodeSystem/medcom-messaging-eventCodes";
    static final String ACK_EVENT = "acknowledgement-message";
    static final String ACTIVITY_CODES = "http://medcomfhir.dk/ig/terminology/CodeSystem/medcom-messaging-activityCodes";
    static final String ACK_ACTIVITY = "acknowledgement";
    static final String DESTINATION_USE_CODES =
            "http://medcomfhir.dk/ig/terminology/CodeSystem/medcom-messaging-destinationUse";
    static final String ERROR_CODES =
            "http://medcomfhir.dk/ig/terminology/CodeSystem/medcom-acknowledgement-error-codes";

    /** Used only when the original's MessageHeader fullUrl has no http(s) base to reuse. */
    static final String FALLBACK_BASE = "https://medcomfhir.dk/ig/acknowledgement/";

    private MedComUrls() {
    }
}
