package dk.medcomgateway.discharge;

import java.util.Optional;

/**
 * A HospitalNotification activity, read from its Provenance activity code (ValueSet
 * medcom-hospitalNotification-messageActivities, terminology 1.1.1 / 2.0.1): an event
 * ({@code admit-inpatient}), its correction ({@code revise-admit-inpatient}) or its cancellation
 * ({@code cancel-admit-inpatient}). HospitalNotification 3.0.2 has no activity code for MORS: a
 * death is a new notification whose Patient is deceased ({@link #deceased()}).
 */
public record Activity(Event event, Modifier modifier, String code) {

    public static final String SYSTEM = "http://medcomfhir.dk/ig/terminology/CodeSystem/medcom-messaging-activityCodes";

    /** What happened to the stay. MedCom's message names in brackets. */
    public enum Event {
        /** admit-inpatient (STIN), admit-emergency (STAA) */
        ADMIT,
        /** start-leave-inpatient (STOR) */
        START_LEAVE,
        /** end-leave-inpatient (SLOR) */
        END_LEAVE,
        /** discharge-inpatient-home, discharge-emergency-home (SLHJ) */
        DISCHARGE,
        /** a notification whose Patient is deceased (MORS) */
        DECEASE;

        EpisodeState target() {
            return switch (this) {
                case ADMIT, END_LEAVE -> EpisodeState.ADMITTED;
                case START_LEAVE -> EpisodeState.ON_LEAVE;
                case DISCHARGE -> EpisodeState.DISCHARGED;
                case DECEASE -> EpisodeState.DECEASED;
            };
        }
    }

    /** A new event, a correction (RE_) of the latest one, or its cancellation (AN_). */
    public enum Modifier { NEW, REVISE, CANCEL }

    /** The activity an activity code names; empty for codes outside HospitalNotification's value set. */
    public static Optional<Activity> of(String code) {
        if (code == null) {
            return Optional.empty();
        }
        Modifier modifier = Modifier.NEW;
        String base = code;
        if (code.startsWith("revise-")) {
            modifier = Modifier.REVISE;
            base = code.substring("revise-".length());
        } else if (code.startsWith("cancel-")) {
            modifier = Modifier.CANCEL;
            base = code.substring("cancel-".length());
        }
        Event event = switch (base) {
            case "admit-inpatient", "admit-emergency" -> Event.ADMIT;
            case "start-leave-inpatient" -> Event.START_LEAVE;
            case "end-leave-inpatient" -> Event.END_LEAVE;
            case "discharge-inpatient-home", "discharge-emergency-home" -> Event.DISCHARGE;
            default -> null;
        };
        return event == null ? Optional.empty() : Optional.of(new Activity(event, modifier, code));
    }

    /** This notification reports the patient's death (MORS): a new notification with a deceased Patient. */
    public Activity deceased() {
        return modifier == Modifier.NEW ? new Activity(Event.DECEASE, Modifier.NEW, code) : this;
    }
}
