package dk.medcomgateway.legacy;

import dk.medcomgateway.message.MessageRejectedException;
import dk.medcomgateway.message.ValidationIssue;
import java.util.List;

/**
 * A letter that cannot be taken as it is: unreadable, malformed, or with a character set it does
 * not keep to. It is answered with a negative receipt (XCTL02) naming the fault, built from
 * whatever of the envelope could be read ({@code partial}, possibly null).
 *
 * @param refuseCode MedCom's RefuseCode: syntaksfejl, ukendt_lokationsnummer, problem_med_version, ikke_specificeret
 */
public class LetterFault extends MessageRejectedException {

    public static final String SYNTAX = "syntaksfejl";
    public static final String UNKNOWN_LOCATION = "ukendt_lokationsnummer";
    public static final String VERSION = "problem_med_version";
    public static final String NOT_SPECIFIED = "ikke_specificeret";

    private final String refuseCode;
    private final transient Letter partial;

    public LetterFault(String refuseCode, String message, Letter partial) {
        super(List.of(ValidationIssue.error(refuseCode, null, message)));
        this.refuseCode = refuseCode;
        this.partial = partial;
    }

    public String refuseCode() {
        return refuseCode;
    }

    public Letter partial() {
        return partial;
    }
}
