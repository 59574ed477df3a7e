package dk.medcomgateway.validation;

/**
 * The codes of MedCom's CodeSystem medcom-acknowledgement-error-codes that validation reports
 * (terminology 1.4.0 and 2.0.1 have the same codes), and which of them fits a HAPI validator message.
 */
public final class AckErrorCodes {

    public static final String SYSTEM = "http://medcomfhir.dk/ig/terminology/CodeSystem/medcom-acknowledgement-error-codes";

    public static final String RECEIVER_IDENTIFIER_MISSING = "MSG_Receiver_Identifier_MISSING";
    public static final String UNABLE_TO_RECEIVE_MSG_TYPE = "MSG_RECEIVER_UNABLE_TO_RECEIVE_MSG_TYPE";
    public static final String VALUESET_VALUE_UNKNOWN = "MSG_VALUESET_VALUE_UNKNOWN";
    public static final String CODESYSTEM_VALUE_UNKNOWN = "MSG_CodeSystem_VALUE_UNKNOWN";
    public static final String ELEMENT_TOO_LONG = "MSG_Element_To_Long";
    public static final String DATATYPE_WRONG = "MSG_Datatype_Wrong";

    private AckErrorCodes() {
    }

    /**
     * The code for a HAPI validator message (id from org.hl7.fhir.utilities.i18n.I18nConstants),
     * or null when none fits.
     */
    static String forValidatorMessage(String messageId, String text) {
        if (messageId == null) {
            return null;
        }
        if (messageId.startsWith("Terminology_TX_NoValid") || messageId.startsWith("Terminology_TX_Code_ValueSet")) {
            return VALUESET_VALUE_UNKNOWN;
        }
        // HAPI's in-memory terminology service passes "Unknown code '<system>#<code>'" through under a generic id.
        if (messageId.startsWith("Unknown_Code_in")
                || ("Terminology_PassThrough_TX_Message".equals(messageId) && text != null && text.startsWith("Unknown code"))) {
            return CODESYSTEM_VALUE_UNKNOWN;
        }
        if (messageId.endsWith("_Length") && messageId.startsWith("Type_Specific_Checks_DT_")) {
            return ELEMENT_TOO_LONG;
        }
        if (messageId.startsWith("Type_Specific_Checks_DT_")) {
            return DATATYPE_WRONG;
        }
        return null;
    }
}
