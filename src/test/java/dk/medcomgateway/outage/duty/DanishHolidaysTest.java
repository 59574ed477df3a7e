package dk.medcomgateway.outage.duty;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DanishHolidaysTest {

    private final DutyRoster roster = new DutyRoster(DutyRosterTest.defaults(), Clock.systemUTC());

    @ParameterizedTest
    @ValueSource(strings = {
            "2026-01-01", // Nytårsdag, Thursday
            "2026-04-02", // Skærtorsdag, Thursday
            "2026-04-03", // Langfredag, Friday
            "2026-04-05", // Påskedag, Sunday
            "2026-04-06", // 2. påskedag, Monday
            "2026-05-14", // Kristi himmelfartsdag, Thursday
            "2026-05-24", // Pinsedag, Sunday
            "2026-05-25", // 2. pinsedag, Monday
            "2026-06-05", // Grundlovsdag, Friday (closed by the regions)
            "2026-12-24", // Juleaften, Thursday (closed by the regions)
            "2026-12-25", // Juledag, Friday
            "2026-12-26", // 2. juledag, Saturday
            "2026-12-31", // Nytårsaften, Thursday (closed by the regions)
            "2027-03-25", // Skærtorsdag, Thursday
            "2027-05-06", // Kristi himmelfartsdag, Thursday
            "2027-05-17"}) // 2. pinsedag, Monday
    void the_danish_holidays_of_2026_and_2027_are_holidays(LocalDate date) {
        assertThat(roster.isHoliday(date)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "2026-03-03", // an ordinary Tuesday
            "2026-04-07", // the Tuesday after Easter
            "2026-05-15", // the Friday after Kristi himmelfartsdag: a bridge day, not a holiday
            "2026-05-01"}) // 1 May, Friday: not a public holiday in Denmark (and where store bededag would have been)
    void ordinary_working_days_are_not_holidays(LocalDate date) {
        assertThat(roster.isHoliday(date)).isFalse();
    }

    @Test
    void store_bededag_is_a_holiday_until_2023_and_abolished_from_2024() {
        assertThat(roster.isHoliday(LocalDate.parse("2023-05-05"))).as("Friday 5 May 2023").isTrue();
        assertThat(roster.isHoliday(LocalDate.parse("2024-04-26"))).as("Friday 26 April 2024").isFalse();
        assertThat(roster.isHoliday(LocalDate.parse("2026-05-01"))).as("Friday 1 May 2026").isFalse();
    }

    @Test
    void the_extra_closed_days_are_those_configured_and_the_public_holidays_count_without_being_listed() {
        HolidayCalendar withoutRegionalDays = new HolidayCalendar(Set.of());

        assertThat(withoutRegionalDays.isHoliday(LocalDate.parse("2026-06-05"))).as("Grundlovsdag").isFalse();
        assertThat(withoutRegionalDays.isHoliday(LocalDate.parse("2026-12-24"))).as("Juleaften").isFalse();
        assertThat(withoutRegionalDays.isHoliday(LocalDate.parse("2026-01-01"))).as("Nytårsdag").isTrue();
        assertThat(withoutRegionalDays.isHoliday(LocalDate.parse("2026-12-25"))).as("Juledag").isTrue();
        assertThat(withoutRegionalDays.isHoliday(LocalDate.parse("2026-04-06"))).as("2. påskedag").isTrue();

        HolidayCalendar withJuleaften = new HolidayCalendar(Set.of(MonthDay.of(12, 24)));
        assertThat(withJuleaften.isHoliday(LocalDate.parse("2026-12-24"))).as("Juleaften, listed").isTrue();
    }
}
