package dk.medcomgateway.escort;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.math.BigDecimal;
import java.time.LocalDateTime;

/**
 * What the municipality reports after an escort course. Times are local (Europe/Copenhagen);
 * omitted amounts count as zero.
 *
 * @param start                   when transport left the citizen's home
 * @param end                     when the escort ended
 * @param kilometres              driven, paid at the configured mileage rate
 * @param parkingDkk              hospital parking fees, paid as reported
 * @param shiftChangeTransportDkk transport for shift changes, paid as reported
 * @param outOfHoursGpUntil       for an acute course that began at the out-of-hours GP (vagtlæge):
 *                                when the citizen was referred to the hospital; the hours before
 *                                are the municipality's and not charged
 */
// A misspelt field would otherwise count as zero and silently lower the amount.
@JsonIgnoreProperties(ignoreUnknown = false)
public record SettlementRequest(LocalDateTime start, LocalDateTime end, BigDecimal kilometres,
                                BigDecimal parkingDkk, BigDecimal shiftChangeTransportDkk,
                                LocalDateTime outOfHoursGpUntil) {
}
