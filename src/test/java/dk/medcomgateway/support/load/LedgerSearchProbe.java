package dk.medcomgateway.support.load;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiPredicate;

/**
 * Times the support desk's ledger search as support uses it (GET /api/messages, over HTTP, with the
 * answer read whole): by MessageHeader.id and by patient. A search that does not find what it looks
 * for is counted as a miss, so a fast wrong answer does not pass for a fast search.
 */
final class LedgerSearchProbe {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String searchUrl;
    private final String authorization;

    LedgerSearchProbe(String searchUrl, String user, String password) {
        this.searchUrl = searchUrl;
        this.authorization = IntakeClient.basic(user, password);
    }

    /** p50 and slowest answer in ms, and the misses ({@code found(value, answer)} false), of one search per value. */
    Map<String, Object> time(String parameter, List<String> values, BiPredicate<String, String> found) throws IOException, InterruptedException {
        List<Double> millis = new ArrayList<>();
        int misses = 0;
        for (String value : values) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(searchUrl + "?" + parameter + "="
                            + URLEncoder.encode(value, StandardCharsets.UTF_8)))
                    .header("Authorization", authorization).timeout(Duration.ofSeconds(30)).build();
            long start = System.nanoTime();
            HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
            millis.add((System.nanoTime() - start) / 1e6);
            if (answer.statusCode() != 200 || !found.test(value, answer.body())) {
                misses++;
            }
        }
        Collections.sort(millis);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("searches", values.size());
        result.put("p50Ms", round(millis.get(millis.size() / 2)));
        result.put("slowestMs", round(millis.get(millis.size() - 1)));
        result.put("misses", misses);
        return result;
    }

    private static double round(double ms) {
        return Double.parseDouble(String.format(Locale.ROOT, "%.1f", ms));
    }
}
