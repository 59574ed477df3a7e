package dk.medcomgateway.support.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** A sending partner's client for the gateway's FHIR intake, as the load tools post: HTTP/1.1, basic auth. */
final class IntakeClient {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI intake;
    private final String authorization;

    IntakeClient(String intakeUrl, String user, String password) {
        this.intake = URI.create(intakeUrl);
        this.authorization = basic(user, password);
    }

    /** Posts a FHIR message ({@code application/fhir+json} or {@code +xml}) and waits up to 60 s for the answer. */
    HttpResponse<String> post(byte[] body, String mediaType) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(intake)
                .header("Authorization", authorization).header("Content-Type", mediaType)
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The value of an Authorization header for HTTP basic authentication. */
    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
