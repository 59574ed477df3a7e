package dk.medcomgateway.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DanishPublicHolidaysTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "2026-01-01", // Nytårsdag
            "2026-04-02", // Skærtorsdag
            "2026-04-03", // Langfredag
            "2026-04-05", // Påskedag
            "2026-04-06", // 2. påskedag
            "2026-05-14", // Kristi himmelfartsdag
            "2026-05-24", // Pinsedag
            "2026-05-25", // 2. pinsedag
            "2026-12-25", // Juledag
            "2026-12-26", // 2. juledag
            "2023-05-05"}) // Store bededag, the last one
    void the_official_public_holidays_are_public_holidays(LocalDate date) {
        assertThat(DanishPublicHolidays.isPublicHoliday(date)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "2026-06-05", // Grundlovsdag: a customary day off, not a public holiday
            "2026-12-24", // Juleaften: likewise
            "2026-12-31", // Nytårsaften: likewise
            "2026-05-01", // 1 May: likewise
            "2026-05-15", // the Friday after Kristi himmelfartsdag
            "2026-03-03"}) // an ordinary Tuesday
    void customary_days_off_and_ordinary_days_are_not_public_holidays(LocalDate date) {
        assertThat(DanishPublicHolidays.isPublicHoliday(date)).isFalse();
    }

    @Test
    void store_bededag_is_a_public_holiday_until_2023_and_abolished_from_2024() {
        assertThat(DanishPublicHolidays.isPublicHoliday(LocalDate.parse("2023-05-05"))).as("2023").isTrue();
        assertThat(DanishPublicHolidays.isPublicHoliday(LocalDate.parse("2024-04-26"))).as("2024").isFalse();
        assertThat(DanishPublicHolidays.isPublicHoliday(LocalDate.parse("2025-05-16"))).as("2025").isFalse();
    }
}
