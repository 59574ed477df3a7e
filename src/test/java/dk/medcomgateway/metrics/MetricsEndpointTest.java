package dk.medcomgateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dk.medcomgateway.support.Examples;
import dk.medcomgateway.support.GatewayTestBase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The metrics endpoint shows the counters moving when messages flow; the ops page reads the same figures. */
class MetricsEndpointTest extends GatewayTestBase {

    private static final String HERLEV = "953741000016009";

    private Scrape scrape() {
        String reply = api("GET", "/actuator/prometheus", null, OPS);
        assertThat(reply).startsWith("200 ");
        return new Scrape(reply.substring(4));
    }

    private static double delta(Scrape before, Scrape after, String name, Map<String, String> labels) {
        return after.sum(name, labels) - before.sum(name, labels);
    }

    @Test
    void accepted_duplicate_and_rejected_messages_and_a_delivery_move_their_counters_by_one_each() {
        String json = Examples.freshStin();
        String headerId = Examples.headerId(json);
        String notAMessage = Examples.freshStin().replaceFirst("\"type\"\\s*:\\s*\"message\"", "\"type\": \"collection\"");
        Scrape before = scrape();

        assertThat(postJson(json).ackCode()).isEqualTo("ok");
        assertThat(postJson(Examples.newBundleId(json)).ackCode()).isEqualTo("ok");
        assertThat(postJson(notAMessage).ackCode()).isEqualTo("fatal-error");
        awaitFinalised(headerId);

        Scrape after = scrape();
        String event = "hospital-notification-message";
        assertThat(delta(before, after, "gateway_messages_total", Map.of("outcome", "received"))).isEqualTo(3);
        assertThat(delta(before, after, "gateway_messages_total", Map.of("outcome", "accepted", "event", event))).isEqualTo(1);
        assertThat(delta(before, after, "gateway_messages_total", Map.of("outcome", "duplicate", "event", event))).isEqualTo(1);
        assertThat(delta(before, after, "gateway_messages_total", Map.of("outcome", "rejected"))).isEqualTo(1);
        assertThat(delta(before, after, "gateway_delivery_attempts_total", Map.of("receiver", HERLEV, "result", "delivered"))).isEqualTo(1);
        assertThat(delta(before, after, "gateway_delivery_attempts_total", Map.of("receiver", HERLEV, "result", "failed"))).isZero();
        assertThat(delta(before, after, "gateway_delivery_latency_seconds_count", Map.of("receiver", HERLEV))).isEqualTo(1);
        assertThat(after.has("gateway_delivery_latency_seconds_bucket", Map.of("receiver", HERLEV))).isTrue();
    }

    @Test
    void the_sender_label_is_a_partner_of_the_directory_so_the_number_of_series_stays_bounded() {
        postJson(Examples.freshStin());

        Scrape after = scrape();
        List<String> senders = new ArrayList<>(GatewayTestBase.RECEIVER_PATHS.keySet());
        senders.addAll(GatewayTestBase.LETTER_PATHS.keySet());
        senders.addAll(List.of(QUEUE_SOR, SBDH_SOR, SBDH_LATE_SOR, VANS_SOR, "other", "unknown"));
        assertThat(after.text().lines().filter(l -> l.startsWith("gateway_messages_total{"))
                .map(l -> l.replaceAll(".*sender=\"([^\"]*)\".*", "$1"))).isSubsetOf(senders);
    }

    @Test
    void every_partners_series_is_there_at_zero_before_its_first_message() {
        Scrape now = scrape();

        // The GP of MedCom's letter examples never sends a HospitalNotification; MedCom's empty-message receiver never
        // has a message dead-lettered, in any of the tests that share this gateway.
        assertThat(now.text()).contains("gateway_messages_total{event=\"hospital-notification-message\",outcome=\"accepted\","
                + "sender=\"5790000128700\"} 0.0");
        assertThat(now.text()).contains("gateway_delivery_attempts_total{receiver=\"543210987654321\",result=\"dead-lettered\"} 0.0");
        assertThat(now.text()).contains("gateway_messages_total{event=\"unknown\",outcome=\"refused\",sender=\"unknown\"}");
    }

    @Test
    void a_message_the_receiver_keeps_failing_counts_each_failed_attempt_and_one_dead_letter() {
        String json = Examples.addressedTo(Examples.freshStin(), BROKEN_SOR);
        Scrape before = scrape();

        assertThat(postJson(json).ackCode()).isEqualTo("ok");
        await().atMost(Duration.ofSeconds(30)).until(() -> "DEAD_LETTERED".equals(messageStatus(Examples.headerId(json))));

        Scrape after = scrape();
        // gateway.delivery.maximum-redeliveries is 4 in the tests: 5 attempts, the last one dead-letters the message.
        assertThat(delta(before, after, "gateway_delivery_attempts_total", Map.of("receiver", BROKEN_SOR, "result", "failed"))).isEqualTo(4);
        assertThat(delta(before, after, "gateway_delivery_attempts_total", Map.of("receiver", BROKEN_SOR, "result", "dead-lettered"))).isEqualTo(1);
        assertThat(delta(before, after, "gateway_delivery_attempts_total", Map.of("receiver", BROKEN_SOR, "result", "delivered"))).isZero();
        assertThat(delta(before, after, "gateway_messages_total", Map.of("outcome", "accepted"))).isEqualTo(1);
    }

    @Test
    void every_receiver_of_the_directory_has_a_queue_depth_and_oldest_age_gauge_and_open_outages_are_counted() {
        Scrape scrape = scrape();

        List<String> receivers = new ArrayList<>(GatewayTestBase.RECEIVER_PATHS.keySet());
        receivers.add(QUEUE_SOR);
        for (String receiver : receivers) {
            assertThat(scrape.has("gateway_queue_depth", Map.of("receiver", receiver))).as(receiver).isTrue();
            assertThat(scrape.has("gateway_queue_oldest_age_seconds", Map.of("receiver", receiver))).as(receiver).isTrue();
            for (String state : List.of("up", "held_by_outage", "down_detected")) {
                assertThat(scrape.has("gateway_receiver_state", Map.of("receiver", receiver, "state", state))).as(receiver).isTrue();
            }
        }
        assertThat(scrape.text()).containsPattern("(?m)^gateway_outages_open \\S+$");
    }

    @Test
    void validation_is_timed_by_standard_and_the_intakes_http_latency_has_a_few_histogram_buckets() {
        String json = Examples.freshStin();
        Scrape before = scrape();

        assertThat(postJson(json).ackCode()).isEqualTo("ok");

        Scrape after = scrape();
        assertThat(delta(before, after, "gateway_validation_seconds_count", Map.of("standard", "HospitalNotification"))).isEqualTo(1);
        assertThat(after.has("gateway_validation_seconds_bucket", Map.of("standard", "HospitalNotification"))).isTrue();
        assertThat(after.text()).containsPattern("(?m)^gateway_validation_seconds_count\\{level=\"(profile|structural)\",standard=\"HospitalNotification\"}");
        assertThat(after.has("http_server_requests_seconds_bucket", Map.of("uri", "/fhir/$process-message"))).isTrue();
        assertThat(after.text()).contains("http_server_requests_seconds_bucket{error=\"none\",exception=\"none\",method=\"POST\","
                + "outcome=\"SUCCESS\",status=\"200\",uri=\"/fhir/$process-message\",le=\"0.5\"}");
        assertThat(after.text().lines().filter(l -> l.startsWith("http_server_requests_seconds_bucket{")
                && l.contains("uri=\"/fhir/$process-message\"") && l.contains("status=\"200\"") && l.contains("method=\"POST\"")))
                .as("a short, fixed list of buckets").hasSize(HttpServerHistogram.BUCKETS_SECONDS.length + 1);
    }

    @Test
    void the_data_dirs_disk_usage_and_the_ledgers_size_are_exported() {
        Scrape scrape = scrape();

        assertThat(scrape.sum("gateway_data_disk_used_ratio", Map.of())).isBetween(0.0, 1.0).isPositive();
        assertThat(scrape.sum("gateway_ledger_size_bytes", Map.of())).isGreaterThan(0);
    }

    /** The names .ci/check-monitoring.sh lets the dashboard and the alert rules use are the ones the gateway exports. */
    @Test
    void every_metric_name_the_dashboard_and_the_alerts_may_use_is_exported() throws IOException {
        String json = Examples.freshStin();
        assertThat(postJson(json).ackCode()).isEqualTo("ok");
        awaitFinalised(Examples.headerId(json));

        Set<String> exported = scrape().text().lines().filter(l -> !l.isBlank() && !l.startsWith("#"))
                .map(l -> l.split("[{ ]", 2)[0]).collect(Collectors.toSet());
        List<String> listed = Files.readAllLines(Path.of("docker/prometheus/exported-metrics.txt")).stream()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#") && !l.contains(" optional"))
                .map(l -> l.split("\\s+")[0]).toList();
        assertThat(listed).hasSizeGreaterThan(20);
        assertThat(exported).containsAll(listed);
    }

    @Test
    void the_ops_page_figures_show_each_receiver_and_the_messages_flowing() throws Exception {
        String json = Examples.freshStin();
        assertThat(postJson(json).ackCode()).isEqualTo("ok");
        awaitFinalised(Examples.headerId(json));

        String reply = api("GET", "/api/ops/metrics", null, OPS);

        assertThat(reply).startsWith("200 ");
        JsonNode figures = new ObjectMapper().readTree(reply.substring(4));
        assertThat(figures.get("messagesInPerMinute").asDouble()).isPositive();
        assertThat(figures.get("messagesOutPerMinute").asDouble()).isPositive();
        assertThat(figures.has("openOutages")).isTrue();
        List<String> ids = new ArrayList<>();
        figures.get("receivers").forEach(r -> ids.add(r.get("id").asText()));
        assertThat(ids).contains(HERLEV, BROKEN_SOR, QUEUE_SOR);
        JsonNode herlev = null;
        for (JsonNode r : figures.get("receivers")) {
            if (r.get("id").asText().equals(HERLEV)) {
                herlev = r;
            }
        }
        assertThat(herlev.get("queueDepth").isNumber()).isTrue();
        assertThat(herlev.get("oldestAgeSeconds").isNumber()).isTrue();
        assertThat(herlev.get("deliveredPerMinute").asDouble()).isPositive();
    }

    @Test
    void the_ops_trends_show_the_messages_that_flowed_in_the_samples_taken_since() throws Exception {
        Instant before = CLOCK.instant();
        String json = Examples.freshStin();
        String notAMessage = Examples.freshStin().replaceFirst("\"type\"\\s*:\\s*\"message\"", "\"type\": \"collection\"");
        assertThat(postJson(json).ackCode()).isEqualTo("ok");
        assertThat(postJson(notAMessage).ackCode()).isEqualTo("fatal-error");
        awaitFinalised(Examples.headerId(json));

        // Sampled every second in the tests (gateway.metrics.trend-interval); each figure shows in some sample since.
        for (String figure : List.of("inPerMinute", "outPerMinute", "refusedPerMinute")) {
            await().atMost(Duration.ofSeconds(30)).until(() -> samplesSince(trends(), before).stream()
                    .anyMatch(sample -> sample.get(figure).asDouble() > 0));
        }
        JsonNode trends = trends();
        assertThat(trends.get("intervalSeconds").asInt()).isEqualTo(1);
        List<Instant> times = new ArrayList<>();
        trends.get("samples").forEach(sample -> {
            times.add(Instant.parse(sample.get("at").asText()));
            assertThat(sample.get("queueDepths").isObject()).isTrue();
        });
        assertThat(times).as("newest last").isSorted().doesNotHaveDuplicates()
                .allMatch(t -> !t.isBefore(Instant.parse(trends.get("at").asText()).minus(Duration.ofHours(1))));
    }

    private JsonNode trends() throws Exception {
        String reply = api("GET", "/api/ops/trends", null, OPS);
        assertThat(reply).startsWith("200 ");
        return new ObjectMapper().readTree(reply.substring(4));
    }

    private static List<JsonNode> samplesSince(JsonNode trends, Instant since) {
        List<JsonNode> samples = new ArrayList<>();
        trends.get("samples").forEach(sample -> {
            if (Instant.parse(sample.get("at").asText()).isAfter(since)) {
                samples.add(sample);
            }
        });
        return samples;
    }

    @Test
    void the_ops_figures_are_for_ops_only() {
        assertThat(api("GET", "/api/ops/metrics", null, SUPPORT)).startsWith("403");
        assertThat(api("GET", "/api/ops/metrics", null, PARTNER)).startsWith("403");
        assertThat(api("GET", "/api/ops/metrics", null, ADMIN)).startsWith("200");
        assertThat(api("GET", "/api/ops/trends", null, SUPPORT)).startsWith("403");
        assertThat(api("GET", "/api/ops/trends", null, PARTNER)).startsWith("403");
        assertThat(api("GET", "/api/ops/trends", null, ADMIN)).startsWith("200");
    }
}
