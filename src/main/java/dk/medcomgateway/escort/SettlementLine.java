package dk.medcomgateway.escort;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import java.math.BigDecimal;
import java.time.LocalDateTime;

/**
 * One line of a settlement: a stretch of hours at one rate, the mileage, or an amount reported
 * by the municipality. Fields that do not apply to the line's kind are left out of the JSON.
 *
 * @param hours     rounded half-up to two decimals for display; the amount is computed from the
 *                  exact duration
 * @param amountDkk rounded half-up to øre
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SettlementLine(Kind kind, LocalDateTime from, LocalDateTime to, BigDecimal hours,
                             BigDecimal kilometres, BigDecimal rateDkk, BigDecimal amountDkk) {

    public enum Kind {
        /** Weekday day hours at the day rate. */
        DAY("day"),
        /** Evenings, nights, weekends and public holidays at the other rate. */
        OTHER("other"),
        /** Hours before the referral from the out-of-hours GP: the municipality's, not charged. */
        OUT_OF_HOURS_GP("out-of-hours-gp"),
        MILEAGE("mileage"),
        SHIFT_CHANGE_TRANSPORT("shift-change-transport"),
        PARKING("parking");

        private final String json;

        Kind(String json) {
            this.json = json;
        }

        @JsonValue
        public String json() {
            return json;
        }
    }

    static SettlementLine hours(Kind kind, LocalDateTime from, LocalDateTime to, BigDecimal hours,
                                BigDecimal rateDkk, BigDecimal amountDkk) {
        return new SettlementLine(kind, from, to, hours, null, rateDkk, amountDkk);
    }

    static SettlementLine mileage(BigDecimal kilometres, BigDecimal rateDkk, BigDecimal amountDkk) {
        return new SettlementLine(Kind.MILEAGE, null, null, null, kilometres, rateDkk, amountDkk);
    }

    static SettlementLine reported(Kind kind, BigDecimal amountDkk) {
        return new SettlementLine(kind, null, null, null, null, null, amountDkk);
    }
}
