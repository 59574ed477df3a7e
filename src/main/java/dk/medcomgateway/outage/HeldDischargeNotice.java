package dk.medcomgateway.outage;

import dk.medcomgateway.fhir.MessageBundles;
import dk.medcomgateway.message.ValidationIssue;
import dk.medcomgateway.routing.Partner;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Provenance;
import org.springframework.stereotype.Component;

/**
 * The procedure's rule for discharges to a receiver that is down: the discharging ward must phone
 * the municipality's on-call line instead. The notice goes in the acknowledgement (an information
 * issue, which MedCom's acknowledgement allows on an ok), the ledger and the support desk's list.
 */
@Component
public class HeldDischargeNotice {

    private final ReceiverHolds holds;

    public HeldDischargeNotice(ReceiverHolds holds) {
        this.holds = holds;
    }

    /** Held receivers of a discharge message; empty for other messages or when all receivers are up. */
    public List<Partner> heldReceivers(Bundle message, List<Partner> receivers) {
        return isDischarge(message) ? receivers.stream().filter(p -> holds.isHeld(p.id())).toList() : List.of();
    }

    public ValidationIssue noticeFor(Partner receiver) {
        String phone = receiver.onCallPhone() == null ? "(intet nummer i partnerkataloget / no number in the partner directory)"
                : receiver.onCallPhone();
        return new ValidationIssue("information", null, "MessageHeader.destination",
                receiver.name() + " kan ikke modtage lige nu; udskrivningen holdes og leveres, når forbindelsen er tilbage."
                        + " Ring til kommunens vagttelefon " + phone + ". / The receiver is down; the discharge is held."
                        + " Phone the municipality's on-call line " + phone + ".");
    }

    /** A HospitalNotification whose newest activity is a discharge (SLHJ and its variants). */
    static boolean isDischarge(Bundle message) {
        if (!"hospital-notification-message".equals(MessageBundles.eventCode(message))) {
            return false;
        }
        return message.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(Provenance.class::isInstance).map(Provenance.class::cast)
                .max(java.util.Comparator.comparing(p -> p.hasRecorded() ? p.getRecorded() : new java.util.Date(0)))
                .map(p -> p.getActivity().getCoding().stream().map(Coding::getCode)
                        .anyMatch(code -> code != null && code.startsWith("discharge")))
                .orElse(false);
    }
}
