package dk.medcomgateway.outage.duty;

import dk.medcomgateway.calendar.DanishPublicHolidays;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.Set;

/**
 * Days on which EDI support is closed and the duty follows the weekend rules: the Danish public
 * holidays, plus the extra fixed-date days the operator lists in configuration (days the regions
 * close on although they are not public holidays, such as Juleaften).
 */
final class HolidayCalendar {

    private final Set<MonthDay> extraClosedDays;

    HolidayCalendar(Set<MonthDay> extraClosedDays) {
        this.extraClosedDays = Set.copyOf(extraClosedDays);
    }

    boolean isHoliday(LocalDate date) {
        return DanishPublicHolidays.isPublicHoliday(date) || extraClosedDays.contains(MonthDay.from(date));
    }
}
