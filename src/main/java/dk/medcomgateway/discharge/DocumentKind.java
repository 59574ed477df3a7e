package dk.medcomgateway.discharge;

/** The documents a discharge makes the gateway wait for, and the support case raised when one does not come. */
public enum DocumentKind {
    DISCHARGE_REPORT("discharge-report", "missing-discharge-report", "udskrivningsrapport", "discharge report"),
    REHABILITATION_PLAN("rehabilitation-plan", "missing-rehabilitation-plan", "genoptræningsplan", "rehabilitation plan");

    private final String code;
    private final String caseKind;
    private final String danish;
    private final String english;

    DocumentKind(String code, String caseKind, String danish, String english) {
        this.code = code;
        this.caseKind = caseKind;
        this.danish = danish;
        this.english = english;
    }

    public String code() {
        return code;
    }

    public String caseKind() {
        return caseKind;
    }

    public String danish() {
        return danish;
    }

    public String english() {
        return english;
    }

    public static DocumentKind of(String code) {
        for (DocumentKind kind : values()) {
            if (kind.code.equals(code)) {
                return kind;
            }
        }
        throw new IllegalArgumentException(code);
    }
}
