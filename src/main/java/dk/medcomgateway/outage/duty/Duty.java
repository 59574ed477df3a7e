package dk.medcomgateway.outage.duty;

import java.time.LocalDateTime;

/**
 * Who handles an outage report, and when: at once within handling hours, else when they next begin.
 *
 * @param team     team id, e.g. {@code edi-support} or {@code operations-on-call}
 * @param handleAt local time (Europe/Copenhagen) the report is handled; the team is the one on duty then
 */
public record Duty(String team, String teamName, String email, LocalDateTime handleAt) {
}
