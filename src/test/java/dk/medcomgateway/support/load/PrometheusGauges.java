package dk.medcomgateway.support.load;

import dk.medcomgateway.metrics.GatewayMetrics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** The few gauges the load tools sample, read from the gateway's Prometheus endpoint as ops reads it. */
final class PrometheusGauges {

    private static final String QUEUE = GatewayMetrics.QUEUE_DEPTH.replace('.', '_');
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI url;
    private final String authorization;

    PrometheusGauges(String url, String user, String password) {
        this.url = URI.create(url);
        this.authorization = IntakeClient.basic(user, password);
    }

    /** heap: heap in use; live: old generation live after the last major GC; queue: messages waiting for receivers. */
    Map<String, Double> read() throws IOException, InterruptedException {
        String text = http.send(HttpRequest.newBuilder(url).header("Authorization", authorization)
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
        Map<String, Double> values = new LinkedHashMap<>();
        text.lines().forEach(line -> {
            String gauge = line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"") ? "heap"
                    : line.startsWith("jvm_gc_live_data_size_bytes") ? "live"
                    : line.startsWith(QUEUE + "{") || line.startsWith(QUEUE + " ") ? "queue" : null;
            if (gauge != null) {
                values.merge(gauge, Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)), Double::sum);
            }
        });
        return values;
    }
}
