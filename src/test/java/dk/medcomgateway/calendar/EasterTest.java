package dk.medcomgateway.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EasterTest {

    @ParameterizedTest
    @CsvSource({
            "2023, 2023-04-09",
            "2024, 2024-03-31",
            "2025, 2025-04-20",
            "2026, 2026-04-05",
            "2027, 2027-03-28",
            "2028, 2028-04-16",
            "2000, 2000-04-23",
            "1818, 1818-03-22", // earliest possible date
            "1943, 1943-04-25", // latest possible date
            "2038, 2038-04-25",
            "2285, 2285-03-22"})
    void easter_sunday_falls_on_the_published_date(int year, LocalDate easter) {
        assertThat(Easter.sunday(year)).isEqualTo(easter);
    }

    @Test
    void easter_is_always_a_sunday_between_22_march_and_25_april() {
        for (int year = 1583; year <= 4099; year++) {
            LocalDate easter = Easter.sunday(year);
            assertThat(easter.getDayOfWeek()).as("Easter %d", year).isEqualTo(DayOfWeek.SUNDAY);
            assertThat(easter).as("Easter %d", year)
                    .isBetween(LocalDate.of(year, 3, 22), LocalDate.of(year, 4, 25));
        }
    }
}
