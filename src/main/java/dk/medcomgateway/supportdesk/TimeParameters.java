package dk.medcomgateway.supportdesk;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.springframework.stereotype.Component;

/**
 * Reads the {@code from}/{@code to} of a search: an ISO instant or offset date-time
 * ({@code 2026-03-03T17:00:00Z}, {@code 2026-03-03T18:00+01:00}), or a local date-time
 * ({@code 2026-03-03T18:00}) taken as the gateway's local time (Europe/Copenhagen), as the
 * support desk reads it off a wall clock.
 */
@Component
public class TimeParameters {

    private final Clock clock;

    TimeParameters(Clock clock) {
        this.clock = clock;
    }

    public OffsetDateTime parse(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value);
        } catch (DateTimeParseException notOffset) {
            try {
                return LocalDateTime.parse(value).atZone(clock.getZone()).toOffsetDateTime();
            } catch (DateTimeParseException e) {
                throw RefusedException.badRequest("'" + name + "' must be an ISO date-time, e.g. 2026-03-03T18:00"
                        + " (Copenhagen time) or 2026-03-03T17:00:00Z; got '" + value + "'");
            }
        }
    }
}
