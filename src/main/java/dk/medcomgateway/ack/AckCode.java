package dk.medcomgateway.ack;

/** MessageHeader.response.code of a MedCom Acknowledgement (FHIR response-code). */
public enum AckCode {
    OK("ok"),
    TRANSIENT_ERROR("transient-error"),
    FATAL_ERROR("fatal-error");

    private final String code;

    AckCode(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** @throws IllegalArgumentException for anything but the three FHIR response codes */
    public static AckCode fromCode(String code) {
        for (AckCode value : values()) {
            if (value.code.equals(code)) {
                return value;
            }
        }
        throw new IllegalArgumentException("Not an acknowledgement response code: " + code);
    }
}
