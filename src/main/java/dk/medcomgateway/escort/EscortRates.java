package dk.medcomgateway.escort;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalTime;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What an escort course (ledsagelse) costs the hospital, bound from {@code gateway.escort}. The
 * operator's copy with explanations is {@code config/escort.yaml}; the defaults here are the
 * agreement's rates at 2018 level and the state's low mileage rate for 2026.
 *
 * @param timeZone            the zone reported times are local to; hours are counted as they pass there,
 *                            so a night over a change to or from summer time has one hour less or more
 * @param dayRateDkk          per hour on weekdays within day hours, 2018 level
 * @param otherRateDkk        per hour at all other times (evenings, nights, weekends, public holidays), 2018 level
 * @param dayStarts           weekday day hours start, inclusive
 * @param dayEnds             weekday day hours end, exclusive
 * @param indexFactor         multiplies the 2018 hourly rates; the indexed rate is rounded half-up to øre
 * @param mileageRateDkkPerKm the state's low rate per kilometre, changed every year; not indexed
 */
@ConfigurationProperties("gateway.escort")
public record EscortRates(
        @DefaultValue("Europe/Copenhagen") ZoneId timeZone,
        @DefaultValue("271.02") BigDecimal dayRateDkk,
        @DefaultValue("426.05") BigDecimal otherRateDkk,
        @DefaultValue("06:00") LocalTime dayStarts,
        @DefaultValue("17:00") LocalTime dayEnds,
        @DefaultValue("1.0") BigDecimal indexFactor,
        @DefaultValue("2.28") BigDecimal mileageRateDkkPerKm) {

    public EscortRates {
        // A wrong rate would go unnoticed onto invoices; refuse to start instead.
        requirePositive("day-rate-dkk", dayRateDkk);
        requirePositive("other-rate-dkk", otherRateDkk);
        requirePositive("index-factor", indexFactor);
        if (mileageRateDkkPerKm.signum() < 0) {
            throw new IllegalArgumentException("gateway.escort.mileage-rate-dkk-per-km must not be negative");
        }
        if (!dayStarts.isBefore(dayEnds)) {
            throw new IllegalArgumentException("gateway.escort.day-starts must be before day-ends");
        }
    }

    private static void requirePositive(String name, BigDecimal value) {
        if (value.signum() <= 0) {
            throw new IllegalArgumentException("gateway.escort." + name + " must be positive");
        }
    }

    /** The day rate at today's level: the 2018 rate times the index factor, rounded half-up to øre. */
    public BigDecimal indexedDayRate() {
        return indexed(dayRateDkk);
    }

    /** The other-hours rate at today's level, rounded half-up to øre. */
    public BigDecimal indexedOtherRate() {
        return indexed(otherRateDkk);
    }

    private BigDecimal indexed(BigDecimal rate2018) {
        return rate2018.multiply(indexFactor).setScale(2, RoundingMode.HALF_UP);
    }
}
