package dk.medcomgateway.outage.duty;

import java.time.DayOfWeek;
import java.time.MonthDay;
import java.time.ZoneId;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who handles an outage report and when, bound from {@code gateway.duty}. The operator's copy
 * with explanations is {@code config/duty.yaml}; the defaults here are the regional procedure
 * itself, so the gateway follows it even without that file.
 *
 * @param timeZone      the zone the hours are in, and in which "now" is read
 * @param handlingHours when reports are handled, every day; one filed outside them waits for the next start
 */
@ConfigurationProperties("gateway.duty")
public record DutyProperties(
        @DefaultValue("Europe/Copenhagen") ZoneId timeZone,
        @DefaultValue("08:00-22:00") Hours handlingHours,
        @DefaultValue EdiSupport ediSupport,
        @DefaultValue OperationsOnCall operationsOnCall,
        @DefaultValue Holidays holidays) {

    public DutyProperties {
        // With no handling hours a report would wait for ever; refuse to start instead.
        if (!handlingHours.from().isBefore(handlingHours.to())) {
            throw new IllegalArgumentException("gateway.duty.handling-hours must not be closed or empty");
        }
    }

    /** What an on-duty answer tells about a team. */
    public interface Team {
        String id();

        String name();

        String email();
    }

    /** The EDI support desk, on duty in its opening hours on working days. */
    public record EdiSupport(@DefaultValue("edi-support") String id,
                             @DefaultValue("EDI-support") String name,
                             @DefaultValue("edi-support@region.example") String email,
                             @DefaultValue Week hours) implements Team {
    }

    /** The operations on-call (drifts- og ledelsesvagt), on duty whenever EDI support is not. */
    public record OperationsOnCall(@DefaultValue("operations-on-call") String id,
                                   @DefaultValue("Drifts- og ledelsesvagt") String name,
                                   @DefaultValue("drift@region.example") String email) implements Team {
    }

    /** Opening hours per weekday. */
    public record Week(@DefaultValue("08:00-15:45") Hours monday,
                       @DefaultValue("08:00-15:45") Hours tuesday,
                       @DefaultValue("08:00-15:45") Hours wednesday,
                       @DefaultValue("08:00-15:45") Hours thursday,
                       @DefaultValue("08:00-14:00") Hours friday,
                       @DefaultValue("closed") Hours saturday,
                       @DefaultValue("closed") Hours sunday) {

        public Hours on(DayOfWeek day) {
            return switch (day) {
                case MONDAY -> monday;
                case TUESDAY -> tuesday;
                case WEDNESDAY -> wednesday;
                case THURSDAY -> thursday;
                case FRIDAY -> friday;
                case SATURDAY -> saturday;
                case SUNDAY -> sunday;
            };
        }
    }

    /**
     * Fixed-date days treated as holidays besides the Danish public holidays (which are always
     * holidays, see {@link dk.medcomgateway.calendar.DanishPublicHolidays}): Grundlovsdag,
     * Juleaften and Nytårsaften, because the regions close on them.
     */
    public record Holidays(@DefaultValue({"--06-05", "--12-24", "--12-31"})
                           Set<MonthDay> fixed) {
    }
}
