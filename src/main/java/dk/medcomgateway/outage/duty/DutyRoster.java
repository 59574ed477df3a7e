package dk.medcomgateway.outage.duty;

import dk.medcomgateway.outage.duty.DutyProperties.Team;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import org.springframework.stereotype.Component;

/**
 * Who is on duty to handle an outage report: EDI support in its opening hours on working days,
 * otherwise the operations on-call. A report outside handling hours waits for them to begin and
 * goes to whoever is on duty then. All times are local, in {@link DutyProperties#timeZone()}.
 */
@Component
public class DutyRoster {

    private final DutyProperties properties;
    private final HolidayCalendar holidays;
    private final Clock clock;

    public DutyRoster(DutyProperties properties, Clock clock) {
        this.properties = properties;
        this.holidays = new HolidayCalendar(properties.holidays().fixed());
        this.clock = clock;
    }

    public Duty onDutyNow() {
        return onDutyAt(LocalDateTime.now(clock.withZone(properties.timeZone())));
    }

    public Duty onDutyAt(LocalDateTime at) {
        LocalDateTime handleAt = handleAt(at);
        Team team = isEdiSupportOpen(handleAt) ? properties.ediSupport() : properties.operationsOnCall();
        return new Duty(team.id(), team.name(), team.email(), handleAt);
    }

    /** Holidays follow the weekend rules: no EDI support, the operations on-call takes reports. */
    public boolean isHoliday(LocalDate date) {
        return holidays.isHoliday(date);
    }

    public boolean isWithinHandlingHours(LocalDateTime at) {
        return properties.handlingHours().contains(at.toLocalTime());
    }

    private LocalDateTime handleAt(LocalDateTime at) {
        if (isWithinHandlingHours(at)) {
            return at;
        }
        LocalTime opening = properties.handlingHours().from();
        LocalDate day = at.toLocalTime().isBefore(opening) ? at.toLocalDate() : at.toLocalDate().plusDays(1);
        return day.atTime(opening);
    }

    private boolean isEdiSupportOpen(LocalDateTime at) {
        return !isHoliday(at.toLocalDate())
                && properties.ediSupport().hours().on(at.getDayOfWeek()).contains(at.toLocalTime());
    }
}
