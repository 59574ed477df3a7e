package dk.medcomgateway.outage;

import static org.assertj.core.api.Assertions.assertThat;

import dk.medcomgateway.support.GatewayTestBase;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/** Reporting outages by the procedure: what is required, what is broadcast, what is flagged, when it is handled. */
class OutageReportTest extends GatewayTestBase {

    private String report(String kind, LocalDateTime start, LocalDateTime end) {
        return api("POST", "/api/outages", """
                {"kind": "%s", "cause": "Test %s", "affectedPartners": ["%s"], "affectedMessageTypes": ["hospital-notification-message"],
                 "start": "%s", "expectedEnd": "%s",
                 "contact": {"name": "Drift", "phone": "+45 1111 2222", "email": "drift@kommune.example"}}"""
                .formatted(kind, kind, SILENT_SOR, start, end));
    }

    private static String id(String reply) {
        return reply.replaceAll("(?s).*?\"id\":(\\d+).*", "$1");
    }

    @Test
    void an_outage_expected_to_last_1_h_59_min_is_not_broadcast_and_one_of_2_h_01_min_is() {
        LocalDateTime start = LocalDateTime.now(CLOCK).plusDays(3).truncatedTo(ChronoUnit.MINUTES);

        String shorter = report("planned", start, start.plusHours(1).plusMinutes(59));
        String longer = report("planned", start, start.plusHours(2).plusMinutes(1));

        assertThat(shorter).startsWith("201").contains("\"broadcast\":false").contains("\"nextStatusAt\":null");
        assertThat(longer).startsWith("201").contains("\"broadcast\":true").contains("\"status\":\"scheduled\"")
                .contains("\"nextStatusAt\":\"" + start.plusHours(1) + ":00\"");
        api("POST", "/api/outages/" + id(shorter) + "/resolve", null);
        api("POST", "/api/outages/" + id(longer) + "/resolve", null);
    }

    @Test
    void a_long_planned_shutdown_reported_after_it_began_is_accepted_but_flagged() {
        LocalDateTime now = LocalDateTime.now(CLOCK).withNano(0);

        String late = report("planned", now.minusMinutes(5), now.plusHours(3));
        String inAdvance = report("planned", now.plusDays(1), now.plusDays(1).plusHours(3));

        assertThat(late).startsWith("201").contains("\"lateNotice\":true");
        assertThat(inAdvance).startsWith("201").contains("\"lateNotice\":false");
        api("POST", "/api/outages/" + id(late) + "/resolve", null);
        api("POST", "/api/outages/" + id(inAdvance) + "/resolve", null);
    }

    @Test
    void a_report_filed_at_23_00_is_handled_at_08_00_the_next_morning() {
        LocalDateTime now = LocalDateTime.now(CLOCK);
        LocalDateTime tonight = now.toLocalDate().atTime(23, 0);
        // Move on to the next 23:00 that is followed by a weekday morning.
        while (!tonight.isAfter(now) || tonight.getDayOfWeek() == DayOfWeek.FRIDAY || tonight.getDayOfWeek() == DayOfWeek.SATURDAY) {
            tonight = tonight.plusDays(1);
        }
        CLOCK.advance(Duration.between(now, tonight));

        String reply = report("unplanned", tonight.minusMinutes(30), tonight.plusHours(1));

        assertThat(reply).startsWith("201").contains("\"handleAt\":\"" + tonight.toLocalDate().plusDays(1) + "T08:00:00\"");
        api("POST", "/api/outages/" + id(reply) + "/resolve", null);
    }

    @Test
    void a_report_without_what_the_procedure_requires_gets_400_naming_what_is_missing() {
        assertThat(api("POST", "/api/outages", "{\"kind\": \"planned\", \"cause\": \"x\"}")).startsWith("400").contains("affectedPartners");
        assertThat(api("POST", "/api/outages", """
                {"kind": "planned", "cause": "x", "affectedPartners": ["999999999999999"], "start": "2026-03-03T18:00",
                 "expectedEnd": "2026-03-03T19:00", "contact": {"name": "a", "phone": "1"}}""")).startsWith("400").contains("999999999999999");
        assertThat(api("POST", "/api/outages", """
                {"kind": "planned", "cause": "x", "affectedPartners": ["%s"], "start": "2026-03-03T18:00",
                 "expectedEnd": "2026-03-03T19:00"}""".formatted(SILENT_SOR))).startsWith("400").contains("contact");
        assertThat(api("POST", "/api/outages/999999/resolve", null)).startsWith("404");
    }

    @Test
    void an_update_that_makes_an_outage_longer_than_2_hours_makes_it_broadcast_and_it_is_listed() {
        LocalDateTime start = LocalDateTime.now(CLOCK).plusDays(5).withNano(0);
        String reply = report("planned", start, start.plusHours(1));
        assertThat(reply).contains("\"broadcast\":false");

        String updated = api("PATCH", "/api/outages/" + id(reply),
                "{\"expectedEnd\": \"" + start.plusHours(4) + "\", \"statusText\": \"Takes longer\"}");

        assertThat(updated).startsWith("200").contains("\"broadcast\":true").contains("Takes longer");
        assertThat(api("GET", "/api/outages", null)).contains("\"id\":" + id(reply));
        assertThat(api("GET", "/api/outages/" + id(reply), null)).contains("registered").contains("updated");
        assertThat(api("POST", "/api/outages/" + id(reply) + "/resolve", null)).contains("\"status\":\"resolved\"");
        assertThat(api("POST", "/api/outages/" + id(reply) + "/resolve", null)).startsWith("400");
    }
}
