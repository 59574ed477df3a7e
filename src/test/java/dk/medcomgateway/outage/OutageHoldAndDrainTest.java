package dk.medcomgateway.outage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dk.medcomgateway.support.Examples;
import dk.medcomgateway.support.GatewayTestBase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Planned and detected outages: the receiver's messages are held, then drained in order, once each. */
class OutageHoldAndDrainTest extends GatewayTestBase {

    /** Both teams' addresses in config/duty.yaml; which is on duty depends on when the test runs. */
    private static final String[] TEAMS = {"edi-support@region.example", "drift@region.example"};

    /** The receiver's state as Prometheus reads it ({@code gateway_receiver_state}): 1 for its current state. */
    private double receiverState(String receiver, String state) {
        String scrape = api("GET", "/actuator/prometheus", null, OPS);
        Matcher m = Pattern.compile("(?m)^gateway_receiver_state\\{receiver=\"" + receiver + "\",state=\"" + state + "\"} (\\S+)$")
                .matcher(scrape);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    @Test
    void messages_sent_during_a_planned_outage_are_held_then_delivered_in_order_after_it_is_resolved() throws Exception {
        String outage = planOutage(PLANNED_SOR, "EOJ upgrade", 3);
        assertThat(outage).startsWith("201").contains("\"status\":\"active\"").contains("\"broadcast\":true");
        String id = outageId(outage);

        // First a discharge (SLHJ): its ward is told to phone the municipality's on-call line.
        String discharge = Examples.addressedTo(Examples.fresh(Examples.read("Bundle-f4aa42a4-86db-4e68-9b38-9dda0dfd5774.json")), PLANNED_SOR);
        List<String> sent = new ArrayList<>(List.of(Examples.headerId(discharge)));
        Reply dischargeAck = postJson(discharge);
        assertThat(dischargeAck.ackCode()).isEqualTo("ok");
        assertThat(dischargeAck.body()).contains("vagttelefon +45 7000 0000").contains("\"severity\":\"information\"");
        assertThat(get("/api/cases")).contains("discharge-held");
        for (int i = 0; i < 4; i++) {
            String json = Examples.addressedTo(Examples.freshStin(), PLANNED_SOR);
            sent.add(Examples.headerId(json));
            Reply reply = postJson(json);
            assertThat(reply.ackCode()).isEqualTo("ok");
            assertThat(reply.body()).as("an admission needs no phone call").doesNotContain("vagttelefon");
        }
        sleep(1500);
        assertThat(RECEIVER.received("/planned")).isEmpty();
        assertThat(sent).allSatisfy(h -> assertThat(messageStatus(h)).isEqualTo("ACCEPTED"));
        assertThat(receiverState(PLANNED_SOR, "held_by_outage")).isEqualTo(1);
        assertThat(receiverState(PLANNED_SOR, "up")).isZero();
        assertThat(receiverState(PLANNED_SOR, "down_detected")).isZero();

        assertThat(api("POST", "/api/outages/" + id + "/resolve", "{\"statusText\": \"Upgrade done\"}")).startsWith("200");

        await().atMost(Duration.ofSeconds(30)).until(() -> sent.stream().allMatch(h -> "FINALISED".equals(messageStatus(h))));
        sleep(300);
        assertThat(RECEIVER.received("/planned").stream().map(r -> Examples.headerId(r.body())).toList()).containsExactlyElementsOf(sent);
        assertThat(receiverState(PLANNED_SOR, "up")).isEqualTo(1);
        assertThat(receiverState(PLANNED_SOR, "held_by_outage")).isZero();
        // Announced (over 2 h) to the partner's mailbox, escalated, the reporter answered, and the end told.
        assertThat(mailsTo("edi-planned@kommune.example", "EOJ upgrade")).as("announcement and final notice").hasSize(2);
        assertThat(mailsTo("jens@kommune.example", "EOJ upgrade")).as("receipt and resolved notice to the reporter").hasSize(2);
    }

    @Test
    void a_receiver_that_goes_down_without_notice_opens_a_detected_outage_is_broadcast_after_two_hours_and_resolves_itself() {
        RECEIVER.defaultStatus("/gone", 503);
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String json = Examples.addressedTo(Examples.freshStin(), GONE_SOR);
            sent.add(Examples.headerId(json));
            assertThat(postJson(json).ackCode()).isEqualTo("ok");
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> api("GET", "/api/outages", null).contains("\"affectedPartners\":[\"" + GONE_SOR + "\"]"));
        String outages = api("GET", "/api/outages", null);
        assertThat(outages).contains("\"detected\":true").contains("\"kind\":\"unplanned\"");
        // Down while its breaker is open; held by the detected outage while the breaker lets a probe through.
        assertThat(receiverState(GONE_SOR, "up")).isZero();
        assertThat(receiverState(GONE_SOR, "down_detected") + receiverState(GONE_SOR, "held_by_outage")).isEqualTo(1);
        sleep(1500);
        assertThat(sent).noneSatisfy(h -> assertThat(messageStatus(h)).isEqualTo("DEAD_LETTERED"));
        assertThat(Stream.of(TEAMS).flatMap(team -> mailsTo(team, GONE_SOR).stream())).as("the team on duty is told at once").isNotEmpty();
        assertThat(mailsTo("edi-gone@kommune.example", GONE_SOR)).as("no broadcast before 2 hours").isEmpty();

        CLOCK.advance(Duration.ofHours(2).plusMinutes(1));
        await().atMost(Duration.ofSeconds(10)).until(() -> mailsTo("edi-gone@kommune.example", GONE_SOR).size() == 1);
        CLOCK.advance(Duration.ofHours(1).plusMinutes(1));
        await().atMost(Duration.ofSeconds(10)).alias("status at the promised time")
                .until(() -> mailsTo("edi-gone@kommune.example", GONE_SOR).size() == 2);

        RECEIVER.defaultStatus("/gone", 200);
        await().atMost(Duration.ofSeconds(30)).until(() -> sent.stream().allMatch(h -> "FINALISED".equals(messageStatus(h))));
        sleep(300);
        assertThat(RECEIVER.received("/gone").stream().map(r -> Examples.headerId(r.body())).toList()).containsExactlyElementsOf(sent);
        await().atMost(Duration.ofSeconds(10)).until(() -> !api("GET", "/api/outages", null).matches(
                "(?s).*\"affectedPartners\":\\[\"" + GONE_SOR + "\"\\][^}]*\"status\":\"active\".*"));
        assertThat(api("GET", "/api/outages", null)).contains("\"status\":\"resolved\"");
        await().atMost(Duration.ofSeconds(10)).until(() -> receiverState(GONE_SOR, "up") == 1);
        await().atMost(Duration.ofSeconds(10)).alias("final notice")
                .until(() -> mailsTo("edi-gone@kommune.example", GONE_SOR).size() == 3);
    }

}
