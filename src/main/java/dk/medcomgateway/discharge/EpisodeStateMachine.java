package dk.medcomgateway.discharge;

import dk.medcomgateway.discharge.Activity.Event;
import dk.medcomgateway.discharge.Activity.Modifier;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules of a hospital stay: which notification may follow which. A notification that does
 * not fit (a STIN after the SLHJ, a cancellation of something that is not the latest event) is
 * still delivered, but it does not change the state: the episode is flagged for the support
 * desk instead, so one late or stray message cannot corrupt what the episode shows.
 */
public final class EpisodeStateMachine {

    /** Where each new event may come from. UNKNOWN everywhere: the gateway may not have seen the start of a stay. */
    private static final Map<Event, Set<EpisodeState>> ALLOWED_FROM = Map.of(
            // ADMITTED -> ADMITTED: an acute ambulant stay (STAA) becomes an admission (STIN).
            Event.ADMIT, EnumSet.of(EpisodeState.UNKNOWN, EpisodeState.CANCELLED, EpisodeState.ADMITTED),
            Event.START_LEAVE, EnumSet.of(EpisodeState.UNKNOWN, EpisodeState.ADMITTED),
            Event.END_LEAVE, EnumSet.of(EpisodeState.UNKNOWN, EpisodeState.ON_LEAVE),
            Event.DISCHARGE, EnumSet.of(EpisodeState.UNKNOWN, EpisodeState.ADMITTED, EpisodeState.ON_LEAVE),
            Event.DECEASE, EnumSet.of(EpisodeState.UNKNOWN, EpisodeState.ADMITTED, EpisodeState.ON_LEAVE));

    private EpisodeStateMachine() {
    }

    /** A notification that set the state and has not been cancelled since. */
    public record Step(Event event, EpisodeState before, EpisodeState after) {
    }

    /**
     * What a notification does to the episode.
     *
     * @param state     the state after it
     * @param effective it set the state and counts in the history (cancellations and corrections do not)
     * @param cancels   index into the history of the step it cancelled, or -1
     * @param flag      why it did not fit, for the support desk; null when it did
     */
    public record Outcome(EpisodeState state, boolean effective, int cancels, String flag) {
        public boolean flagged() {
            return flag != null;
        }
    }

    /**
     * @param state   the episode's state now
     * @param history its effective steps, oldest first
     */
    public static Outcome next(EpisodeState state, List<Step> history, Activity activity) {
        Step latest = history.isEmpty() ? null : history.get(history.size() - 1);
        return switch (activity.modifier()) {
            case NEW -> ALLOWED_FROM.get(activity.event()).contains(state)
                    ? new Outcome(activity.event().target(), true, -1, null)
                    : flagged(state, activity.code() + describe(activity) + " arrived while the episode is " + name(state)
                            + ": out of order, state kept");
            case REVISE -> {
                if (latest != null && latest.event() == activity.event()) {
                    yield new Outcome(state, false, -1, null);
                }
                if (latest == null && state == EpisodeState.UNKNOWN) {
                    // A correction of a notification the gateway never saw still says where the stay is.
                    yield new Outcome(activity.event().target(), true, -1, null);
                }
                yield flagged(state, activity.code() + " corrects " + activity.event() + ", but the episode's latest event is "
                        + (latest == null ? "none" : latest.event()) + ": state kept");
            }
            case CANCEL -> {
                if (latest != null && latest.event() == activity.event()) {
                    EpisodeState back = latest.before() == EpisodeState.UNKNOWN && activity.event() == Event.ADMIT
                            ? EpisodeState.CANCELLED : latest.before();
                    yield new Outcome(back, false, history.size() - 1, null);
                }
                if (latest == null && state == EpisodeState.UNKNOWN) {
                    yield new Outcome(activity.event() == Event.ADMIT ? EpisodeState.CANCELLED : EpisodeState.UNKNOWN, false, -1, null);
                }
                yield flagged(state, activity.code() + " cancels " + activity.event() + ", but the episode's latest event is "
                        + (latest == null ? "none" : latest.event()) + ": state kept");
            }
        };
    }

    private static Outcome flagged(EpisodeState state, String why) {
        return new Outcome(state, false, -1, why);
    }

    private static String describe(Activity activity) {
        return activity.event() == Event.DECEASE && activity.modifier() == Modifier.NEW ? " (patient deceased: MORS)" : "";
    }

    private static String name(EpisodeState state) {
        return state.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
}
