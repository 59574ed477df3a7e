package dk.medcomgateway.support.process;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** Posts a FHIR message to a gateway process as the regional engine does. */
public final class GatewayClient {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String CREDENTIALS =
            Base64.getEncoder().encodeToString("regional-engine:engine-demo".getBytes(StandardCharsets.UTF_8));

    private GatewayClient() {
    }

    public static HttpResponse<String> post(GatewayProcess gateway, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(gateway.url("/fhir/$process-message")))
                .header("Authorization", "Basic " + CREDENTIALS)
                .header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
