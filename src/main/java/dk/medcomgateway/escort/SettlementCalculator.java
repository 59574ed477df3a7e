package dk.medcomgateway.escort;

import dk.medcomgateway.calendar.DanishPublicHolidays;
import dk.medcomgateway.escort.SettlementLine.Kind;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Prices an escort course by the agreement: the hours from when transport leaves the citizen's
 * home to the end, split exactly where weekday day hours begin and end, at the day rate within
 * them and the other rate outside them and on Saturdays, Sundays and Danish public holidays;
 * plus mileage at the configured rate and the shift-change transport and parking reported.
 * Hours before a referral from the out-of-hours GP are the municipality's and not charged.
 *
 * <p>Every amount is rounded half-up to øre once, on its own line; the total is the sum of the
 * lines, so an invoice built from them adds up. Pure: no clock, no state.
 */
@Component
public class SettlementCalculator {

    private static final BigDecimal SECONDS_PER_HOUR = BigDecimal.valueOf(3600);

    private final EscortRates rates;

    public SettlementCalculator(EscortRates rates) {
        this.rates = rates;
    }

    public SettlementQuote quote(SettlementRequest request) {
        validate(request);
        List<SettlementLine> lines = new ArrayList<>();

        LocalDateTime chargedFrom = request.start();
        if (request.outOfHoursGpUntil() != null) {
            chargedFrom = request.outOfHoursGpUntil();
            if (chargedFrom.isAfter(request.start())) {
                lines.add(SettlementLine.hours(Kind.OUT_OF_HOURS_GP, request.start(), chargedFrom,
                        hours(seconds(request.start(), chargedFrom)), null, money(BigDecimal.ZERO)));
            }
        }

        long daySeconds = 0;
        long otherSeconds = 0;
        for (Stretch stretch : stretches(chargedFrom, request.end())) {
            long seconds = seconds(stretch.from(), stretch.to());
            BigDecimal rate = stretch.day() ? rates.indexedDayRate() : rates.indexedOtherRate();
            if (stretch.day()) {
                daySeconds += seconds;
            } else {
                otherSeconds += seconds;
            }
            lines.add(SettlementLine.hours(stretch.day() ? Kind.DAY : Kind.OTHER, stretch.from(), stretch.to(),
                    hours(seconds), rate, money(rate.multiply(BigDecimal.valueOf(seconds)), SECONDS_PER_HOUR)));
        }

        BigDecimal kilometres = orZero(request.kilometres());
        if (kilometres.signum() > 0) {
            BigDecimal rate = rates.mileageRateDkkPerKm();
            lines.add(SettlementLine.mileage(kilometres, rate, money(kilometres.multiply(rate))));
        }
        addReported(lines, Kind.SHIFT_CHANGE_TRANSPORT, request.shiftChangeTransportDkk());
        addReported(lines, Kind.PARKING, request.parkingDkk());

        BigDecimal total = lines.stream().map(SettlementLine::amountDkk).reduce(money(BigDecimal.ZERO), BigDecimal::add);
        return new SettlementQuote(hours(daySeconds), hours(otherSeconds), total, List.copyOf(lines));
    }

    /** A stretch of time at one rate, within which no day-hours boundary lies. */
    private record Stretch(boolean day, LocalDateTime from, LocalDateTime to) {
    }

    /** [from, to) cut at every start and end of day hours and at midnight, neighbours at the same rate joined. */
    private List<Stretch> stretches(LocalDateTime from, LocalDateTime to) {
        List<Stretch> stretches = new ArrayList<>();
        LocalDateTime at = from;
        while (at.isBefore(to)) {
            LocalDateTime next = nextBoundary(at);
            if (next.isAfter(to)) {
                next = to;
            }
            boolean day = isDayHour(at);
            int last = stretches.size() - 1;
            if (last >= 0 && stretches.get(last).day() == day) {
                stretches.set(last, new Stretch(day, stretches.get(last).from(), next));
            } else {
                stretches.add(new Stretch(day, at, next));
            }
            at = next;
        }
        return stretches;
    }

    private LocalDateTime nextBoundary(LocalDateTime at) {
        LocalDate date = at.toLocalDate();
        LocalTime time = at.toLocalTime();
        if (time.isBefore(rates.dayStarts())) {
            return date.atTime(rates.dayStarts());
        }
        if (time.isBefore(rates.dayEnds())) {
            return date.atTime(rates.dayEnds());
        }
        return date.plusDays(1).atStartOfDay();
    }

    private boolean isDayHour(LocalDateTime at) {
        DayOfWeek weekday = at.getDayOfWeek();
        LocalTime time = at.toLocalTime();
        return weekday != DayOfWeek.SATURDAY && weekday != DayOfWeek.SUNDAY
                && !DanishPublicHolidays.isPublicHoliday(at.toLocalDate())
                && !time.isBefore(rates.dayStarts()) && time.isBefore(rates.dayEnds());
    }

    /** Seconds that actually passed, so a night over a change of summer time counts one hour less or more. */
    private long seconds(LocalDateTime from, LocalDateTime to) {
        return Duration.between(from.atZone(rates.timeZone()), to.atZone(rates.timeZone())).toSeconds();
    }

    private static BigDecimal hours(long seconds) {
        return BigDecimal.valueOf(seconds).divide(SECONDS_PER_HOUR, 2, RoundingMode.HALF_UP);
    }

    private static BigDecimal money(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP);
    }

    /** The exact quotient rounded half-up to øre: rate × seconds / 3600 is rounded once, not per step. */
    private static BigDecimal money(BigDecimal dividend, BigDecimal divisor) {
        return dividend.divide(divisor, 2, RoundingMode.HALF_UP);
    }

    private static void addReported(List<SettlementLine> lines, Kind kind, BigDecimal amount) {
        if (amount != null && amount.signum() > 0) {
            lines.add(SettlementLine.reported(kind, money(amount)));
        }
    }

    private static BigDecimal orZero(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }

    private static void validate(SettlementRequest request) {
        if (request.start() == null || request.end() == null) {
            throw new InvalidSettlementException("'start' and 'end' are required");
        }
        if (!request.end().isAfter(request.start())) {
            throw new InvalidSettlementException(
                    "'end' (" + request.end() + ") must be after 'start' (" + request.start() + ")");
        }
        LocalDateTime referral = request.outOfHoursGpUntil();
        if (referral != null && (referral.isBefore(request.start()) || referral.isAfter(request.end()))) {
            throw new InvalidSettlementException(
                    "'outOfHoursGpUntil' (" + referral + ") must lie between 'start' and 'end'");
        }
        requireNotNegative("kilometres", request.kilometres());
        requireAmount("parkingDkk", request.parkingDkk());
        requireAmount("shiftChangeTransportDkk", request.shiftChangeTransportDkk());
    }

    private static void requireNotNegative(String field, BigDecimal value) {
        if (value != null && value.signum() < 0) {
            throw new InvalidSettlementException("'" + field + "' must not be negative");
        }
    }

    /** A reported amount is paid as it is, so it must already be in kroner and øre. */
    private static void requireAmount(String field, BigDecimal value) {
        requireNotNegative(field, value);
        if (value != null && value.stripTrailingZeros().scale() > 2) {
            throw new InvalidSettlementException("'" + field + "' must be in kroner and øre, at most two decimals");
        }
    }
}
