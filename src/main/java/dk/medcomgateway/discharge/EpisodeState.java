package dk.medcomgateway.discharge;

/** Where a hospital stay stands, as its HospitalNotification messages describe it. */
public enum EpisodeState {
    /** No notification that sets a state has been seen (the gateway may have started mid-stay). */
    UNKNOWN,
    /** STIN (admitted) or STAA (acute ambulant). */
    ADMITTED,
    /** STOR: on leave. */
    ON_LEAVE,
    /** SLHJ: discharged to home / primary sector. */
    DISCHARGED,
    /** MORS: the patient died during the stay. */
    DECEASED,
    /** AN_STIN / AN_STAA: the admission was cancelled (sent in error). */
    CANCELLED
}
