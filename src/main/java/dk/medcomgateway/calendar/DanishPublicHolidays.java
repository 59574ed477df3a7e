package dk.medcomgateway.calendar;

import java.time.LocalDate;
import java.time.MonthDay;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The official Danish public holidays (helligdage by helligdagsloven) of any year: the days
 * counted from Easter and the three fixed-date ones. Days that are merely customary days off
 * (Grundlovsdag, Juleaften, Nytårsaften, 1 May) are not public holidays and are not here; a
 * feature that also closes on them adds them itself.
 */
public final class DanishPublicHolidays {

    /** Nytårsdag, Juledag, 2. juledag. */
    private static final Set<MonthDay> FIXED = Set.of(MonthDay.of(1, 1), MonthDay.of(12, 25), MonthDay.of(12, 26));

    /** The holidays counted from Easter, as days after Easter Sunday. */
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

    private DanishPublicHolidays() {
    }

    public static boolean isPublicHoliday(LocalDate date) {
        return FIXED.contains(MonthDay.from(date)) || movingHolidays(date.getYear()).anyMatch(date::equals);
    }

    private static Stream<LocalDate> movingHolidays(int year) {
        LocalDate easter = Easter.sunday(year);
        return Stream.of(MovingHoliday.values())
                .filter(holiday -> year <= holiday.lastYear)
                .map(holiday -> easter.plusDays(holiday.daysAfterEaster));
    }
}
