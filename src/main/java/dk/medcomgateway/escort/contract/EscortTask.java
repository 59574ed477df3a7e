package dk.medcomgateway.escort.contract;

import com.fasterxml.jackson.annotation.JsonValue;

/** The tasks of the standard contract an escort may take on. */
public enum EscortTask {
    TRANSPORT_ESCORT("transport-escort", "Ledsagelse under transport"),
    PERSONAL_CARE("personal-care", "Personlig pleje"),
    DRESSING("dressing", "Af- og påklædning"),
    TOILET("toilet", "Toiletbesøg"),
    EATING_DRINKING_MEDICINE("eating-drinking-medicine", "Spisning, drikke og medicin"),
    PSYCHOLOGICAL_SUPPORT("psychological-support", "Psykisk støtte"),
    OTHER("other", "Andet");

    private final String json;
    private final String danish;

    EscortTask(String json, String danish) {
        this.json = json;
        this.danish = danish;
    }

    @JsonValue
    public String json() {
        return json;
    }

    public String danish() {
        return danish;
    }

    static EscortTask of(String json) {
        for (EscortTask task : values()) {
            if (task.json.equals(json)) {
                return task;
            }
        }
        throw new IllegalArgumentException("Unknown escort task " + json);
    }
}
