package dk.medcomgateway.outage.duty;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;

/**
 * Opening hours within one day, written {@code "08:00-15:45"} in configuration, or
 * {@code "closed"}. The start is included and the end is not, so two teams handing over at
 * 15:45 never both hold 15:45. Hours do not pass midnight.
 */
public record Hours(LocalTime from, LocalTime to) {

    public static final Hours CLOSED = new Hours(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT);

    public Hours {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("Hours end before they begin: " + from + "-" + to);
        }
    }

    /** Binds configuration values; Spring's conversion looks for a static {@code valueOf(String)}. */
    public static Hours valueOf(String text) {
        if (text.strip().equalsIgnoreCase("closed")) {
            return CLOSED;
        }
        String[] ends = text.split("-");
        if (ends.length != 2) {
            throw invalid(text, null);
        }
        try {
            return new Hours(LocalTime.parse(ends[0].strip()), LocalTime.parse(ends[1].strip()));
        } catch (DateTimeParseException e) {
            throw invalid(text, e);
        }
    }

    private static IllegalArgumentException invalid(String text, Exception cause) {
        return new IllegalArgumentException("Hours must be HH:mm-HH:mm or closed, not '" + text + "'", cause);
    }

    public boolean contains(LocalTime time) {
        return !time.isBefore(from) && time.isBefore(to);
    }
}
