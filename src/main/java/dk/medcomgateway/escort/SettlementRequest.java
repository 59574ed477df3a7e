package dk.medcomgateway.escort;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.OptBoolean;
import java.math.BigDecimal;
import java.time.LocalDateTime;

/**
 * What the municipality reports after an escort course. Times are local (Europe/Copenhagen) and
 * strict: Jackson would otherwise accept "2026-03-03T16:30Z" and silently drop the Z, reading a
 * UTC time as a local one. Omitted amounts count as zero.
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
public record SettlementRequest(@JsonFormat(lenient = OptBoolean.FALSE) LocalDateTime start,
                                @JsonFormat(lenient = OptBoolean.FALSE) LocalDateTime end,
                                BigDecimal kilometres,
                                BigDecimal parkingDkk,
                                BigDecimal shiftChangeTransportDkk,
                                @JsonFormat(lenient = OptBoolean.FALSE) LocalDateTime outOfHoursGpUntil) {
}
