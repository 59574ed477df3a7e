package dk.medcomgateway.outage.duty;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.context.properties.bind.Binder;

/**
 * The regional procedure: EDI support Monday–Thursday 08:00–15:45 and Friday 08:00–14:00; the
 * operations on-call outside those hours until 22:00, at weekends and on holidays; reports are
 * handled 08:00–22:00 (08:00 included, 22:00 not), later ones at the next 08:00.
 */
class DutyRosterTest {

    private static final String EDI_SUPPORT = "edi-support";
    private static final String OPERATIONS = "operations-on-call";

    // Most tests give the time explicitly; the clock is only read by onDutyNow().
    private final DutyRoster roster = roster(Clock.systemUTC());

    /** The built-in defaults, as the gateway runs without config/duty.yaml. */
    static DutyProperties defaults() {
        return new Binder().bindOrCreate("gateway.duty", DutyProperties.class);
    }

    private static DutyRoster roster(Clock clock) {
        return new DutyRoster(defaults(), clock);
    }

    private Duty at(String localTime) {
        return roster.onDutyAt(LocalDateTime.parse(localTime));
    }

    private static void assertDuty(Duty duty, String team, String handleAt) {
        assertThat(duty.team()).isEqualTo(team);
        assertThat(duty.handleAt()).isEqualTo(LocalDateTime.parse(handleAt));
    }

    @Test
    void tuesday_10_00_goes_to_edi_support_and_is_handled_at_once() {
        Duty duty = at("2026-03-03T10:00"); // Tuesday

        assertThat(duty).isEqualTo(new Duty(EDI_SUPPORT, "EDI-support", "edi-support@region.example",
                LocalDateTime.parse("2026-03-03T10:00")));
    }

    @Test
    void tuesday_16_00_after_edi_support_hours_goes_to_the_operations_on_call_at_once() {
        Duty duty = at("2026-03-03T16:00"); // Tuesday

        assertThat(duty).isEqualTo(new Duty(OPERATIONS, "Drifts- og ledelsesvagt", "drift@region.example",
                LocalDateTime.parse("2026-03-03T16:00")));
    }

    @Test
    void friday_13_59_is_still_edi_support() {
        assertDuty(at("2026-03-06T13:59"), EDI_SUPPORT, "2026-03-06T13:59"); // Friday
    }

    @Test
    void friday_edi_support_closes_at_14_00_so_14_00_and_14_30_go_to_the_operations_on_call() {
        assertDuty(at("2026-03-06T14:00"), OPERATIONS, "2026-03-06T14:00"); // Friday
        assertDuty(at("2026-03-06T14:30"), OPERATIONS, "2026-03-06T14:30");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05"}) // Monday to Thursday
    void monday_to_thursday_edi_support_closes_at_15_45_which_already_belongs_to_the_operations_on_call(String day) {
        assertDuty(at(day + "T15:44"), EDI_SUPPORT, day + "T15:44");
        assertDuty(at(day + "T15:45"), OPERATIONS, day + "T15:45");
    }

    @Test
    void saturday_12_00_goes_to_the_operations_on_call_at_once() {
        assertDuty(at("2026-03-07T12:00"), OPERATIONS, "2026-03-07T12:00"); // Saturday
    }

    @Test
    void easter_monday_10_00_is_a_holiday_so_the_operations_on_call_handles_it() {
        assertDuty(at("2026-04-06T10:00"), OPERATIONS, "2026-04-06T10:00"); // 2. påskedag, Monday
    }

    @Test
    void kristi_himmelfartsdag_10_00_is_a_holiday_so_the_operations_on_call_handles_it() {
        assertDuty(at("2026-05-14T10:00"), OPERATIONS, "2026-05-14T10:00"); // Thursday
        assertDuty(at("2027-05-06T10:00"), OPERATIONS, "2027-05-06T10:00"); // Thursday
    }

    @Test
    void tuesday_23_00_waits_for_wednesday_08_00_and_edi_support() {
        assertDuty(at("2026-03-03T23:00"), EDI_SUPPORT, "2026-03-04T08:00"); // Tuesday -> Wednesday
    }

    @Test
    void thursday_23_00_waits_for_friday_08_00_and_edi_support() {
        assertDuty(at("2026-03-05T23:00"), EDI_SUPPORT, "2026-03-06T08:00"); // Thursday -> Friday
    }

    @Test
    void friday_23_00_waits_for_saturday_08_00_and_the_operations_on_call() {
        assertDuty(at("2026-03-06T23:00"), OPERATIONS, "2026-03-07T08:00"); // Friday -> Saturday
    }

    @Test
    void a_night_report_before_a_holiday_waits_for_08_00_and_the_operations_on_call() {
        // Wednesday night before Kristi himmelfartsdag, Thursday
        assertDuty(at("2026-05-13T23:30"), OPERATIONS, "2026-05-14T08:00");
    }

    @Test
    void a_report_at_03_00_waits_for_08_00_the_same_day() {
        assertDuty(at("2026-03-03T03:00"), EDI_SUPPORT, "2026-03-03T08:00"); // Tuesday
        assertDuty(at("2026-03-07T03:00"), OPERATIONS, "2026-03-07T08:00"); // Saturday
    }

    @Test
    void handling_starts_at_08_00_inclusive() {
        assertDuty(at("2026-03-03T07:59"), EDI_SUPPORT, "2026-03-03T08:00"); // Tuesday
        assertDuty(at("2026-03-03T08:00"), EDI_SUPPORT, "2026-03-03T08:00");
        assertThat(roster.isWithinHandlingHours(LocalDateTime.parse("2026-03-03T07:59:59"))).isFalse();
        assertThat(roster.isWithinHandlingHours(LocalDateTime.parse("2026-03-03T08:00"))).isTrue();
    }

    @Test
    void handling_ends_at_22_00_exclusive_so_22_00_waits_for_the_next_morning() {
        assertDuty(at("2026-03-03T21:59"), OPERATIONS, "2026-03-03T21:59"); // Tuesday
        assertDuty(at("2026-03-03T22:00"), EDI_SUPPORT, "2026-03-04T08:00"); // -> Wednesday
        assertThat(roster.isWithinHandlingHours(LocalDateTime.parse("2026-03-03T21:59:59"))).isTrue();
        assertThat(roster.isWithinHandlingHours(LocalDateTime.parse("2026-03-03T22:00"))).isFalse();
    }

    @Test
    void now_is_read_in_copenhagen_time_whatever_zone_the_clock_is_in() {
        // 22:10 UTC is 23:10 on Thursday 5 March 2026 in Copenhagen (CET, UTC+1)
        Clock winter = Clock.fixed(Instant.parse("2026-03-05T22:10:00Z"), ZoneOffset.UTC);
        assertDuty(roster(winter).onDutyNow(), EDI_SUPPORT, "2026-03-06T08:00");

        // 13:50 UTC is 15:50 on Tuesday 2 June 2026 in Copenhagen (CEST, UTC+2): EDI support has closed
        Clock summer = Clock.fixed(Instant.parse("2026-06-02T13:50:00Z"), ZoneOffset.UTC);
        assertDuty(roster(summer).onDutyNow(), OPERATIONS, "2026-06-02T15:50");
    }
}
