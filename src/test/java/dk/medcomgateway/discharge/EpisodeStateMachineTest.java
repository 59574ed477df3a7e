package dk.medcomgateway.discharge;

import static dk.medcomgateway.discharge.EpisodeState.ADMITTED;
import static dk.medcomgateway.discharge.EpisodeState.CANCELLED;
import static dk.medcomgateway.discharge.EpisodeState.DECEASED;
import static dk.medcomgateway.discharge.EpisodeState.DISCHARGED;
import static dk.medcomgateway.discharge.EpisodeState.ON_LEAVE;
import static dk.medcomgateway.discharge.EpisodeState.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

import dk.medcomgateway.discharge.Activity.Event;
import dk.medcomgateway.discharge.Activity.Modifier;
import dk.medcomgateway.discharge.EpisodeStateMachine.Outcome;
import dk.medcomgateway.discharge.EpisodeStateMachine.Step;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EpisodeStateMachineTest {

    /** An episode fed notifications one by one, as EpisodeTracker does with the database. */
    private static final class Episode {
        EpisodeState state = UNKNOWN;
        final List<Step> history = new ArrayList<>();
        final List<String> flags = new ArrayList<>();

        Episode receive(String code) {
            return receive(Activity.of(code).orElseThrow());
        }

        Episode receive(Activity activity) {
            Outcome outcome = EpisodeStateMachine.next(state, List.copyOf(history), activity);
            if (outcome.cancels() >= 0) {
                history.remove(outcome.cancels());
            }
            if (outcome.effective()) {
                history.add(new Step(activity.event(), state, outcome.state()));
            }
            if (outcome.flagged()) {
                flags.add(outcome.flag());
            }
            state = outcome.state();
            return this;
        }

        Episode died() {
            return receive(Activity.of("admit-inpatient").orElseThrow().deceased());
        }
    }

    @ParameterizedTest(name = "{0} is {1} {2}")
    @CsvSource({
            "admit-inpatient, ADMIT, NEW", "admit-emergency, ADMIT, NEW",
            "revise-admit-inpatient, ADMIT, REVISE", "cancel-admit-emergency, ADMIT, CANCEL",
            "start-leave-inpatient, START_LEAVE, NEW", "revise-start-leave-inpatient, START_LEAVE, REVISE",
            "cancel-start-leave-inpatient, START_LEAVE, CANCEL",
            "end-leave-inpatient, END_LEAVE, NEW", "revise-end-leave-inpatient, END_LEAVE, REVISE",
            "cancel-end-leave-inpatient, END_LEAVE, CANCEL",
            "discharge-inpatient-home, DISCHARGE, NEW", "discharge-emergency-home, DISCHARGE, NEW",
            "revise-discharge-inpatient-home, DISCHARGE, REVISE", "cancel-discharge-emergency-home, DISCHARGE, CANCEL"})
    void every_activity_code_of_the_hospital_notification_value_set_is_recognised(String code, Event event, Modifier modifier) {
        assertThat(Activity.of(code)).contains(new Activity(event, modifier, code));
    }

    @Test
    void codes_outside_the_value_set_are_not_hospital_notification_activities() {
        assertThat(Activity.of("new-message")).isEmpty();
        assertThat(Activity.of("cancel-new-message")).isEmpty();
        assertThat(Activity.of(null)).isEmpty();
    }

    @Test
    void a_stay_goes_admitted_on_leave_back_discharged() {
        Episode episode = new Episode().receive("admit-inpatient");
        assertThat(episode.state).isEqualTo(ADMITTED);
        assertThat(episode.receive("start-leave-inpatient").state).isEqualTo(ON_LEAVE);
        assertThat(episode.receive("end-leave-inpatient").state).isEqualTo(ADMITTED);
        assertThat(episode.receive("discharge-inpatient-home").state).isEqualTo(DISCHARGED);
        assertThat(episode.flags).isEmpty();
    }

    @Test
    void an_acute_ambulant_stay_is_admitted_and_may_become_an_admission_then_discharged() {
        Episode episode = new Episode().receive("admit-emergency");
        assertThat(episode.state).isEqualTo(ADMITTED);
        assertThat(episode.receive("admit-inpatient").state).isEqualTo(ADMITTED);
        assertThat(episode.receive("discharge-emergency-home").state).isEqualTo(DISCHARGED);
        assertThat(episode.flags).isEmpty();
    }

    @Test
    void a_patient_discharged_while_on_leave_is_discharged() {
        assertThat(new Episode().receive("admit-inpatient").receive("start-leave-inpatient")
                .receive("discharge-inpatient-home").state).isEqualTo(DISCHARGED);
    }

    @Test
    void a_deceased_patient_MORS_ends_the_stay_from_admitted_or_on_leave() {
        assertThat(new Episode().receive("admit-inpatient").died().state).isEqualTo(DECEASED);
        Episode onLeave = new Episode().receive("admit-inpatient").receive("start-leave-inpatient").died();
        assertThat(onLeave.state).isEqualTo(DECEASED);
        assertThat(onLeave.flags).isEmpty();
    }

    @Test
    void nothing_moves_a_deceased_patient_and_each_attempt_is_flagged() {
        Episode episode = new Episode().receive("admit-inpatient").died();
        for (String code : List.of("admit-inpatient", "start-leave-inpatient", "end-leave-inpatient", "discharge-inpatient-home")) {
            assertThat(episode.receive(code).state).isEqualTo(DECEASED);
        }
        assertThat(episode.died().state).isEqualTo(DECEASED);
        assertThat(episode.flags).hasSize(5);
    }

    @Test
    void a_STIN_after_its_SLHJ_is_flagged_and_the_episode_stays_discharged() {
        Episode episode = new Episode().receive("admit-inpatient").receive("discharge-inpatient-home").receive("admit-inpatient");
        assertThat(episode.state).isEqualTo(DISCHARGED);
        assertThat(episode.flags).singleElement().asString().contains("admit-inpatient", "discharged", "out of order");
        // the episode's history is intact: a later AN_SLHJ still cancels the discharge
        assertThat(episode.receive("cancel-discharge-inpatient-home").state).isEqualTo(ADMITTED);
    }

    @ParameterizedTest(name = "{1} while {0} is flagged")
    @CsvSource({
            "ADMITTED, end-leave-inpatient", "ON_LEAVE, start-leave-inpatient", "ON_LEAVE, admit-inpatient",
            "DISCHARGED, start-leave-inpatient", "DISCHARGED, end-leave-inpatient", "DISCHARGED, discharge-inpatient-home",
            "CANCELLED, start-leave-inpatient", "CANCELLED, discharge-inpatient-home"})
    void a_notification_that_does_not_follow_from_the_state_is_flagged_and_changes_nothing(EpisodeState state, String code) {
        Outcome outcome = EpisodeStateMachine.next(state, List.of(new Step(Event.ADMIT, UNKNOWN, state)), Activity.of(code).orElseThrow());
        assertThat(outcome.state()).isEqualTo(state);
        assertThat(outcome.flagged()).isTrue();
        assertThat(outcome.effective()).isFalse();
    }

    @Test
    void any_notification_starts_an_episode_the_gateway_has_not_seen_begin() {
        assertThat(new Episode().receive("start-leave-inpatient").state).isEqualTo(ON_LEAVE);
        assertThat(new Episode().receive("end-leave-inpatient").state).isEqualTo(ADMITTED);
        assertThat(new Episode().receive("discharge-inpatient-home").state).isEqualTo(DISCHARGED);
        assertThat(new Episode().died().state).isEqualTo(DECEASED);
        assertThat(new Episode().receive("revise-admit-inpatient").state).isEqualTo(ADMITTED);
        assertThat(new Episode().receive("cancel-admit-inpatient").state).isEqualTo(CANCELLED);
    }

    @Test
    void a_correction_RE_of_the_latest_event_keeps_the_state() {
        Episode episode = new Episode().receive("admit-inpatient").receive("revise-admit-inpatient");
        assertThat(episode.state).isEqualTo(ADMITTED);
        episode.receive("start-leave-inpatient").receive("revise-start-leave-inpatient");
        assertThat(episode.state).isEqualTo(ON_LEAVE);
        episode.receive("end-leave-inpatient").receive("revise-end-leave-inpatient");
        assertThat(episode.state).isEqualTo(ADMITTED);
        episode.receive("discharge-inpatient-home").receive("revise-discharge-inpatient-home");
        assertThat(episode.state).isEqualTo(DISCHARGED);
        assertThat(episode.flags).isEmpty();
        assertThat(episode.history).extracting(Step::event)
                .containsExactly(Event.ADMIT, Event.START_LEAVE, Event.END_LEAVE, Event.DISCHARGE);
    }

    @Test
    void a_correction_of_an_earlier_event_is_flagged_and_keeps_the_state() {
        Episode episode = new Episode().receive("admit-inpatient").receive("discharge-inpatient-home").receive("revise-admit-inpatient");
        assertThat(episode.state).isEqualTo(DISCHARGED);
        assertThat(episode.flags).singleElement().asString().contains("revise-admit-inpatient", "DISCHARGE");
    }

    @Test
    void a_cancellation_AN_of_the_latest_event_returns_to_the_state_before_it() {
        assertThat(new Episode().receive("admit-inpatient").receive("cancel-admit-inpatient").state).isEqualTo(CANCELLED);
        assertThat(new Episode().receive("admit-emergency").receive("cancel-admit-emergency").state).isEqualTo(CANCELLED);
        assertThat(new Episode().receive("admit-inpatient").receive("start-leave-inpatient")
                .receive("cancel-start-leave-inpatient").state).isEqualTo(ADMITTED);
        assertThat(new Episode().receive("admit-inpatient").receive("start-leave-inpatient").receive("end-leave-inpatient")
                .receive("cancel-end-leave-inpatient").state).isEqualTo(ON_LEAVE);
        assertThat(new Episode().receive("admit-inpatient").receive("start-leave-inpatient")
                .receive("discharge-inpatient-home").receive("cancel-discharge-inpatient-home").state).isEqualTo(ON_LEAVE);
    }

    @Test
    void cancellations_unwind_one_event_at_a_time() {
        Episode episode = new Episode().receive("admit-inpatient").receive("start-leave-inpatient")
                .receive("cancel-start-leave-inpatient").receive("cancel-admit-inpatient");
        assertThat(episode.state).isEqualTo(CANCELLED);
        assertThat(episode.history).isEmpty();
        assertThat(episode.flags).isEmpty();
        // a new admission after a cancelled one is a fresh start
        assertThat(episode.receive("admit-inpatient").state).isEqualTo(ADMITTED);
    }

    @Test
    void a_cancellation_of_something_that_is_not_the_latest_event_is_flagged_and_keeps_the_state() {
        Episode episode = new Episode().receive("admit-inpatient").receive("discharge-inpatient-home").receive("cancel-admit-inpatient");
        assertThat(episode.state).isEqualTo(DISCHARGED);
        assertThat(episode.flags).singleElement().asString().contains("cancel-admit-inpatient");
        Episode twice = new Episode().receive("admit-inpatient").receive("discharge-inpatient-home")
                .receive("cancel-discharge-inpatient-home").receive("cancel-discharge-inpatient-home");
        assertThat(twice.state).isEqualTo(ADMITTED);
        assertThat(twice.flags).hasSize(1);
    }

    @Test
    void a_correction_or_cancellation_with_a_deceased_patient_stays_a_correction_or_cancellation() {
        Activity cancel = Activity.of("cancel-admit-inpatient").orElseThrow();
        assertThat(cancel.deceased()).isEqualTo(cancel);
        assertThat(Activity.of("admit-inpatient").orElseThrow().deceased().event()).isEqualTo(Event.DECEASE);
    }
}
