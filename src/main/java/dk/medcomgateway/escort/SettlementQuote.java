package dk.medcomgateway.escort;

import java.math.BigDecimal;
import java.util.List;

/**
 * What an escort course costs the hospital.
 *
 * @param dayHours   charged hours at the day rate, rounded half-up to two decimals
 * @param otherHours charged hours at the other rate, rounded half-up to two decimals
 * @param amountDkk  the sum of the lines' amounts, so the lines add up to it on the invoice
 * @param lines      hours in time order, then mileage, shift-change transport and parking
 */
public record SettlementQuote(BigDecimal dayHours, BigDecimal otherHours, BigDecimal amountDkk,
                              List<SettlementLine> lines) {
}
