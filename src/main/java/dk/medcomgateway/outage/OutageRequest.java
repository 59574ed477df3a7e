package dk.medcomgateway.outage;

import java.time.LocalDateTime;
import java.util.List;

/** A report of an outage, as POSTed to /api/outages: the fields the regional procedure requires. */
public record OutageRequest(Outage.Kind kind, String cause, List<String> affectedPartners, List<String> affectedMessageTypes,
                            LocalDateTime start, LocalDateTime expectedEnd, Outage.Contact contact) {
}
