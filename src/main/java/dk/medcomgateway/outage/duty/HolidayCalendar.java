package dk.medcomgateway.outage.duty;

import java.time.LocalDate;
import java.time.MonthDay;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Days on which EDI support is closed and the duty follows the weekend rules: the Danish public
 * holidays counted from Easter, plus the fixed-date days the operator lists in configuration.
 */
final class HolidayCalendar {

    /** Public holidays by law (helligdagsloven), as days after Easter Sunday. */
    private enum MovingHoliday {
        SKAERTORSDAG(-3),
        LANGFREDAG(-2),
        PAASKEDAG(0),
        ANDEN_PAASKEDAG(1),
        // Abolished by lov nr. 197 of 28 February 2023; a working day from 2024.
        STORE_BEDEDAG(26, 2023),
        KRISTI_HIMMELFARTSDAG(39),
        PINSEDAG(49),
        ANDEN_PINSEDAG(50);

        private final int daysAfterEaster;
        private final int lastYear;

        MovingHoliday(int daysAfterEaster) {
            this(daysAfterEaster, Integer.MAX_VALUE);
        }

        MovingHoliday(int daysAfterEaster, int lastYear) {
            this.daysAfterEaster = daysAfterEaster;
            this.lastYear = lastYear;
        }
    }

    private final Set<MonthDay> fixedDays;

    HolidayCalendar(Set<MonthDay> fixedDays) {
        this.fixedDays = Set.copyOf(fixedDays);
    }

    boolean isHoliday(LocalDate date) {
        return fixedDays.contains(MonthDay.from(date)) || movingHolidays(date.getYear()).anyMatch(date::equals);
    }

    private static Stream<LocalDate> movingHolidays(int year) {
        LocalDate easter = Easter.sunday(year);
        return Stream.of(MovingHoliday.values())
                .filter(holiday -> year <= holiday.lastYear)
                .map(holiday -> easter.plusDays(holiday.daysAfterEaster));
    }
}
